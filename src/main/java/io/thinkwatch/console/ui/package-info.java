/** The console's web pages: resources rendering Qute templates, the forms they read, and the view models they show. */
package io.thinkwatch.console.ui;
