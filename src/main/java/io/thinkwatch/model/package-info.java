/** The trace event every other feature reads: records, closed sets, and provider-neutral usage. */
package io.thinkwatch.model;
