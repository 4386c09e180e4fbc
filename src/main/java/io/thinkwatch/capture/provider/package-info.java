/** The providers' wire formats: parsers of each API's requests, answers and SSE streams into a ProviderCall. */
package io.thinkwatch.capture.provider;
