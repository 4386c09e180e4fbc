package io.thinkwatch.capture.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one provider API's request and response into a {@link ProviderCall}. */
public interface ProviderParser {

    /**
     * Reads one call of this provider from its request and the copy of its response.
     *
     * @param request the parsed request body; an empty object when it was not JSON
     * @param response the copy of the upstream response; its body may be JSON, an event stream or garbage
     */
    ProviderCall parse(JsonNode request, ResponseCopy response);
}
