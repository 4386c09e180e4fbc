package io.thinkwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** Server-sent event framing shared by the simulated APIs: one whole frame, ending in a blank line. */
final class SseFrames {

    private SseFrames() {}

    /** A frame with only a {@code data:} line (OpenAI Chat Completions, Gemini). */
    static String data(JsonNode json) {
        return "data: " + json + "\n\n";
    }

    /** A frame naming its event type (OpenAI Responses, Anthropic Messages). */
    static String event(String type, JsonNode json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }
}
