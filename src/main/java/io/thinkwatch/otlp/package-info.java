/**
 * OpenTelemetry in: OTLP/HTTP trace requests decoded with the official messages, and GenAI spans read as TraceEvents.
 * Free of HTTP; capture's {@code OtlpHandler} is the edge.
 */
package io.thinkwatch.otlp;
