/** What every role shares: role selection, Kafka and OpenSearch clients, topic and index names, the API error shape. */
package io.thinkwatch.platform;
