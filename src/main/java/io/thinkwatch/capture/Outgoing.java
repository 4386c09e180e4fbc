package io.thinkwatch.capture;

/** A serialized trace on its way to Kafka: its key (the trace id) and its bytes. */
@SuppressWarnings("ArrayRecordComponent") // bytes passed along, never compared or hashed as a record
record Outgoing(String key, byte[] value) {}
