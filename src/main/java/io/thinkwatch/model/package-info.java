/**
 * What every feature reads: the trace event and the finding, their closed sets, and the per-provider parsers behind
 * traces.
 */
package io.thinkwatch.model;
