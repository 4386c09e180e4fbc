/** The review queue: findings stored as review items in PostgreSQL, their workflow (open, acknowledged, resolved, false positive) and history. */
package io.thinkwatch.review;
