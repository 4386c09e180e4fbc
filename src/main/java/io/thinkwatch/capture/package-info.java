/** The proxy applications point their base URL at: forwards every call untouched and records one trace per call. */
package io.thinkwatch.capture;
