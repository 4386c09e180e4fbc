/** The rule engine: a Kafka Streams topology from thinkwatch.traces to thinkwatch.findings, and the bean that runs it in the rules role. */
package io.thinkwatch.rules.engine;
