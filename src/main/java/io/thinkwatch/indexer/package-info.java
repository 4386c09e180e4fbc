/**
 * Kafka to OpenSearch: writes every trace and finding once in effect, with index templates, dead letters and
 * retention.
 */
package io.thinkwatch.indexer;
