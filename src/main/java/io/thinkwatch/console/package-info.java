/** The console's REST API (and later its pages): turns searches and workflows into HTTP answers. */
package io.thinkwatch.console;
