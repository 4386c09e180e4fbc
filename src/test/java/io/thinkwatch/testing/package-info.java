/** Helpers shared by the integration tests: test traces published to Kafka and counted in OpenSearch. */
package io.thinkwatch.testing;
