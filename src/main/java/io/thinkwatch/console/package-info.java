/**
 * The console's REST API under {@code /api/v1}: traces, stats, rules, channels, findings and the audit log as HTTP
 * answers.
 */
package io.thinkwatch.console;
