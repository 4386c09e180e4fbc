/** OpenSearch queries behind the console: every one filtered by the caller's tenant. */
package io.thinkwatch.search;
