/** Alerts: on-call channels, the outbox of notifications per finding group, and the dispatcher that delivers them. */
package io.thinkwatch.alerts;
