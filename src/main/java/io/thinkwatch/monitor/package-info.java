/** The reasoning monitor: judges a call's visible reasoning for what its answer hides, with quoted evidence. */
package io.thinkwatch.monitor;
