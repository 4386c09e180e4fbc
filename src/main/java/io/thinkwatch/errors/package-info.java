/** What a feature refuses and why (not found, invalid, conflict, forbidden, unavailable), free of any transport. */
package io.thinkwatch.errors;
