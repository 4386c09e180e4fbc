/** The console's web pages: Qute templates rendered on the server, htmx for partial updates, no build step. */
package io.thinkwatch.console.ui;
