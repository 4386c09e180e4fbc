/**
 * Calls capture forwards without recording them, made visible: each capture instance counts them by tenant, method
 * and path shape and reports its counts to a Kafka topic; the console adds up every instance's reports of the last
 * hour for the overview and the health check (decision 0035).
 */
package io.thinkwatch.unrecorded;
