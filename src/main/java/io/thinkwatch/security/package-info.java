/** Users, roles, tenants and API tokens: who is calling, and which tenant's data they may read. */
package io.thinkwatch.security;
