/**
 * Who is calling and what they may read: users, roles, tenants, API tokens, sign-in, content by role, and the audit
 * log.
 */
package io.thinkwatch.security;
