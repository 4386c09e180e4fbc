/** Rules as data: definitions stored in PostgreSQL, their validation and compilation, findings built from matches, defaults and backtests. */
package io.thinkwatch.rules;
