package io.thinkwatch.simulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one provider API shapes a {@link SimulatedCall}: the request fields it reads, its JSON answer, its
 * stream events (whole SSE frames) and its error body, following the field list of PROVIDERS.md. Each API is
 * one small class; the constants name them. No default methods: with one, initializing a shape would
 * initialize this interface, whose constants create the shapes (a class initialization cycle).
 */
sealed interface SimulatedApi permits ChatCompletionsShape, ResponsesShape, MessagesShape, GeminiShape, ConverseShape {

    SimulatedApi CHAT = new ChatCompletionsShape();
    SimulatedApi RESPONSES = new ResponsesShape();
    SimulatedApi MESSAGES = new MessagesShape();
    SimulatedApi GEMINI = new GeminiShape();
    SimulatedApi CONVERSE = new ConverseShape();

    /** Prefix of the ids of this API's answers. */
    String idPrefix();

    /** The output budget the request sets, or null. */
    Long budget(JsonNode request);

    /** The request field holding the prompt. */
    String promptField();

    /** Whether the model reasons on this request. */
    boolean thinks(JsonNode request);

    ObjectNode body(SimulatedCall call, ObjectMapper mapper);

    /** The stream, one whole SSE frame (ending in a blank line) per element. */
    List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper);

    ObjectNode error(int status, String type, String message, ObjectMapper mapper);
}
