/**
 * Capture: the proxy applications point their base URL at, and direct ingest; one trace per call, priced, published to
 * Kafka, and spooled to disk while Kafka is away.
 */
package io.thinkwatch.capture;
