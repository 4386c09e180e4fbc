/**
 * Rules as data: stored in PostgreSQL, validated, compiled and reloaded; findings built from matches, defaults,
 * backtests.
 */
package io.thinkwatch.rules;
