package io.thinkwatch.capture;

/** A serialized trace on its way to Kafka: its key (the trace id) and its bytes. */
record Outgoing(String key, byte[] value) {}
