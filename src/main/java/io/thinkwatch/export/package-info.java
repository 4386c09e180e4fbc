/** Export of every trace as an OpenTelemetry GenAI span, and of findings as evaluation events, to an OTLP endpoint. */
package io.thinkwatch.export;
