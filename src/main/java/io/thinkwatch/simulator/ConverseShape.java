package io.thinkwatch.simulator;

import static io.thinkwatch.simulator.SseFrames.event;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Amazon Bedrock Converse ({@code /model/{modelId}/converse} and {@code .../converse-stream}): a
 * {@code reasoningContent} block when the request turns Claude's thinking on, then the text. Its stream events are
 * written here as named frames ({@code event: contentBlockDelta}); {@link EventStreamFrames} turns each into the
 * AWS event-stream binary frame the SDKs read.
 */
record ConverseShape() implements SimulatedApi {

    private static final String SIGNATURE = "sim-signature";

    @Override
    public String idPrefix() {
        return "converse-sim-";
    }

    @Override
    public Long budget(JsonNode request) {
        JsonNode max = request.path("inferenceConfig").get("maxTokens");
        return max == null || max.isNull() ? null : max.asLong();
    }

    @Override
    public String promptField() {
        return "messages";
    }

    /** Claude on Bedrock reasons when {@code additionalModelRequestFields.thinking} turns it on. */
    @Override
    public boolean thinks(JsonNode request) {
        String type = request.path("additionalModelRequestFields")
                .path("thinking")
                .path("type")
                .asText("disabled");
        return !"disabled".equals(type);
    }

    @Override
    public ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (call.reasoningText() != null) {
            content.addObject()
                    .putObject("reasoningContent")
                    .putObject("reasoningText")
                    .put("text", call.reasoningText())
                    .put("signature", SIGNATURE);
        }
        if (call.tool() != null) {
            ObjectNode toolUse = content.addObject().putObject("toolUse");
            toolUse.put("toolUseId", call.tool().id()).put("name", call.tool().name());
            toolUse.set("input", call.tool().json(mapper));
        } else if (!call.truncated()) {
            content.addObject().put("text", call.answer());
        }
        body.put("stopReason", stopReason(call));
        body.set("usage", usage(call, mapper));
        body.putObject("metrics").put("latencyMs", 1);
        return body;
    }

    @Override
    public List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
        List<String> events = new ArrayList<>();
        events.add(event("messageStart", mapper.createObjectNode().put("role", "assistant")));
        int index = 0;
        if (call.reasoningText() != null) {
            ObjectNode text = mapper.createObjectNode();
            text.putObject("reasoningContent").put("text", call.reasoningText());
            events.add(event("contentBlockDelta", delta(mapper, index, text)));
            ObjectNode signature = mapper.createObjectNode();
            signature.putObject("reasoningContent").put("signature", SIGNATURE);
            events.add(event("contentBlockDelta", delta(mapper, index, signature)));
            events.add(event("contentBlockStop", mapper.createObjectNode().put("contentBlockIndex", index)));
            index++;
        }
        for (String word : call.words()) {
            events.add(event(
                    "contentBlockDelta",
                    delta(mapper, index, mapper.createObjectNode().put("text", word))));
        }
        if (call.tool() != null) {
            ObjectNode start = mapper.createObjectNode().put("contentBlockIndex", index);
            start.putObject("start")
                    .putObject("toolUse")
                    .put("toolUseId", call.tool().id())
                    .put("name", call.tool().name());
            events.add(event("contentBlockStart", start));
            String arguments = call.tool().arguments();
            int half = arguments.length() / 2;
            for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                ObjectNode toolUse = mapper.createObjectNode();
                toolUse.putObject("toolUse").put("input", piece);
                events.add(event("contentBlockDelta", delta(mapper, index, toolUse)));
            }
        }
        if (!call.truncated()) {
            events.add(event("contentBlockStop", mapper.createObjectNode().put("contentBlockIndex", index)));
        }
        events.add(event("messageStop", mapper.createObjectNode().put("stopReason", stopReason(call))));
        ObjectNode metadata = mapper.createObjectNode();
        metadata.set("usage", usage(call, mapper));
        metadata.putObject("metrics").put("latencyMs", 1);
        events.add(event("metadata", metadata));
        return events;
    }

    /** Bedrock's error body; the SDK reads the error's type from the {@code x-amzn-ErrorType} header. */
    @Override
    public ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
        return mapper.createObjectNode().put("message", message);
    }

    private static String stopReason(SimulatedCall call) {
        return call.truncated() ? "max_tokens" : call.tool() != null ? "tool_use" : "end_turn";
    }

    private static ObjectNode delta(ObjectMapper mapper, int index, ObjectNode delta) {
        ObjectNode event = mapper.createObjectNode().put("contentBlockIndex", index);
        event.set("delta", delta);
        return event;
    }

    private static ObjectNode usage(SimulatedCall call, ObjectMapper mapper) {
        return mapper.createObjectNode()
                .put("inputTokens", call.promptTokens())
                .put("outputTokens", call.outputTokens())
                .put("totalTokens", call.promptTokens() + call.outputTokens());
    }
}
