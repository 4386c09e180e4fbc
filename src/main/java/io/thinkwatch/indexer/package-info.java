/** Kafka to OpenSearch: bulk-writes every trace once in effect, with its index template and dead letters. */
package io.thinkwatch.indexer;
