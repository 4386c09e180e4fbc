/** What every role shares: role selection, the Kafka and OpenSearch clients, topic names, and the API error shape. */
package io.thinkwatch.platform;
