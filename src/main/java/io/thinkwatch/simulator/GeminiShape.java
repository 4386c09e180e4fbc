package io.thinkwatch.simulator;

import static io.thinkwatch.simulator.SseFrames.data;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Gemini generateContent / streamGenerateContent: one candidate, thought parts before the answer. */
record GeminiShape() implements SimulatedApi {

    @Override
    public String idPrefix() {
        return "sim-";
    }

    @Override
    public Long budget(JsonNode request) {
        JsonNode max = request.path("generationConfig").get("maxOutputTokens");
        return max == null || max.isNull() ? null : max.asLong();
    }

    @Override
    public String promptField() {
        return "contents";
    }

    /** The reasoning models behind this API reason on every call. */
    @Override
    public boolean thinks(JsonNode request) {
        return true;
    }

    /** A {@code functionCall} part: Gemini 3 gives the call an id, the arguments are an object. */
    private static void functionCall(ArrayNode parts, SimulatedCall call, ObjectMapper mapper) {
        ObjectNode function = parts.addObject().putObject("functionCall");
        function.put("id", call.tool().id()).put("name", call.tool().name());
        function.set("args", call.tool().json(mapper));
    }

    @Override
    public ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode parts = candidate(body, call.truncated() ? "MAX_TOKENS" : "STOP");
        if (call.reasoningText() != null) {
            parts.addObject().put("text", call.reasoningText()).put("thought", true);
        }
        if (call.tool() != null) {
            functionCall(parts, call, mapper);
        } else if (!call.truncated()) {
            parts.addObject().put("text", call.answer());
        }
        body.set("usageMetadata", usage(call, mapper, true));
        return body.put("modelVersion", call.model()).put("responseId", call.id());
    }

    /** Each chunk is a whole response with new parts; finish reason and full usage on the last. */
    @Override
    public List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
        List<ObjectNode> chunks = new ArrayList<>();
        if (call.reasoningText() != null) {
            ObjectNode chunk = mapper.createObjectNode();
            candidate(chunk, null).addObject().put("text", call.reasoningText()).put("thought", true);
            chunks.add(chunk);
        }
        for (String word : call.words()) {
            ObjectNode chunk = mapper.createObjectNode();
            candidate(chunk, null).addObject().put("text", word);
            chunks.add(chunk);
        }
        if (call.tool() != null) {
            // Gemini sends a function call whole, in one chunk
            ObjectNode chunk = mapper.createObjectNode();
            functionCall(candidate(chunk, null), call, mapper);
            chunks.add(chunk);
        }
        if (chunks.isEmpty()) {
            ObjectNode empty = mapper.createObjectNode();
            candidate(empty, null);
            chunks.add(empty);
        }
        int last = chunks.size() - 1;
        ((ObjectNode) chunks.get(last).path("candidates").path(0))
                .put("finishReason", call.truncated() ? "MAX_TOKENS" : "STOP");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ObjectNode chunk = chunks.get(i);
            chunk.set("usageMetadata", usage(call, mapper, i == last));
            chunk.put("modelVersion", call.model()).put("responseId", call.id());
            events.add(data(chunk));
        }
        return events;
    }

    @Override
    public ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error")
                .put("code", status)
                .put("message", message)
                .put("status", status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL");
        return body;
    }

    /** Adds the one candidate to {@code body}; its finish reason only when given. Returns its parts. */
    private static ArrayNode candidate(ObjectNode body, String finish) {
        ObjectNode candidate = body.putArray("candidates").addObject();
        ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        candidate.put("index", 0);
        return parts;
    }

    /** @param full whether the call is over: output counts only then, as Gemini sends them on the last chunk */
    private static ObjectNode usage(SimulatedCall call, ObjectMapper mapper, boolean full) {
        ObjectNode usage = mapper.createObjectNode().put("promptTokenCount", call.promptTokens());
        if (!full) {
            return usage.put("totalTokenCount", call.promptTokens());
        }
        if (call.visibleTokens() > 0) {
            usage.put("candidatesTokenCount", call.visibleTokens());
        }
        if (call.reasoningTokens() > 0) {
            usage.put("thoughtsTokenCount", call.reasoningTokens());
        }
        return usage.put("totalTokenCount", call.promptTokens() + call.outputTokens());
    }
}
