/**
 * Captured text that expires before metadata: the content-retention job and the legal holds that keep a trace's
 * text past it (decision 0026).
 */
package io.thinkwatch.retention;
