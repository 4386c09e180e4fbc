/** Checkpoints of the audit chain on a compacted Kafka topic: written by the console, read back for verification. */
package io.thinkwatch.security.checkpoint;
