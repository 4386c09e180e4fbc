package io.thinkwatch.simulator;

import static io.thinkwatch.simulator.SseFrames.event;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anthropic Messages ({@code /v1/messages}): a thinking block when thinking is on, then the text block. */
record MessagesShape() implements SimulatedApi {

    @Override
    public String idPrefix() {
        return "msg_sim";
    }

    @Override
    public Long budget(JsonNode request) {
        return request.hasNonNull("max_tokens") ? request.get("max_tokens").asLong() : null;
    }

    @Override
    public String promptField() {
        return "messages";
    }

    /** Claude reasons only when the request turns thinking on. */
    @Override
    public boolean thinks(JsonNode request) {
        String type = request.path("thinking").path("type").asText("disabled");
        return !"disabled".equals(type);
    }

    @Override
    public ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode body = header(call, mapper);
        ArrayNode content = body.putArray("content");
        if (call.reasoningText() != null) {
            content.addObject()
                    .put("type", "thinking")
                    .put("thinking", call.reasoningText())
                    .put("signature", "sim-signature");
        }
        if (call.tool() != null) {
            content.addObject()
                    .put("type", "tool_use")
                    .put("id", call.tool().id())
                    .put("name", call.tool().name())
                    .set("input", call.tool().json(mapper));
        } else if (!call.truncated()) {
            content.addObject().put("type", "text").put("text", call.answer());
        }
        body.put("stop_reason", stopReason(call)).putNull("stop_sequence");
        body.set("usage", usage(call, mapper, call.outputTokens()));
        return body;
    }

    @Override
    public List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
        List<String> events = new ArrayList<>();
        ObjectNode start = header(call, mapper);
        start.putArray("content");
        start.putNull("stop_reason").putNull("stop_sequence");
        start.set("usage", usage(call, mapper, 1));
        events.add(event(
                "message_start",
                mapper.createObjectNode().put("type", "message_start").set("message", start)));
        int index = 0;
        if (call.reasoningText() != null) {
            events.add(blockStart(
                    mapper,
                    index,
                    mapper.createObjectNode()
                            .put("type", "thinking")
                            .put("thinking", "")
                            .put("signature", "")));
            events.add(blockDelta(
                    mapper,
                    index,
                    mapper.createObjectNode().put("type", "thinking_delta").put("thinking", call.reasoningText())));
            events.add(blockDelta(
                    mapper,
                    index,
                    mapper.createObjectNode().put("type", "signature_delta").put("signature", "sim-signature")));
            events.add(blockStop(mapper, index++));
        }
        if (call.tool() != null) {
            ObjectNode block = mapper.createObjectNode()
                    .put("type", "tool_use")
                    .put("id", call.tool().id())
                    .put("name", call.tool().name());
            block.putObject("input");
            events.add(blockStart(mapper, index, block));
            String arguments = call.tool().arguments();
            int half = arguments.length() / 2;
            for (String piece : List.of("", arguments.substring(0, half), arguments.substring(half))) {
                events.add(blockDelta(
                        mapper,
                        index,
                        mapper.createObjectNode()
                                .put("type", "input_json_delta")
                                .put("partial_json", piece)));
            }
            events.add(blockStop(mapper, index));
        } else if (!call.truncated()) {
            events.add(blockStart(
                    mapper, index, mapper.createObjectNode().put("type", "text").put("text", "")));
            for (String word : call.words()) {
                events.add(blockDelta(
                        mapper,
                        index,
                        mapper.createObjectNode().put("type", "text_delta").put("text", word)));
            }
            events.add(blockStop(mapper, index));
        }
        ObjectNode delta = mapper.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason(call)).putNull("stop_sequence");
        delta.set("usage", usage(call, mapper, call.outputTokens()));
        events.add(event("message_delta", delta));
        events.add(event("message_stop", mapper.createObjectNode().put("type", "message_stop")));
        return events;
    }

    @Override
    public ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode().put("type", "error");
        body.putObject("error")
                .put("type", status == 429 ? "rate_limit_error" : "api_error")
                .put("message", message);
        return body;
    }

    private static String stopReason(SimulatedCall call) {
        return call.truncated() ? "max_tokens" : call.tool() != null ? "tool_use" : "end_turn";
    }

    private static ObjectNode header(SimulatedCall call, ObjectMapper mapper) {
        return mapper.createObjectNode()
                .put("id", call.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", call.model());
    }

    /** @param output the output tokens counted so far: the thinking details only with the final count */
    private static ObjectNode usage(SimulatedCall call, ObjectMapper mapper, long output) {
        ObjectNode usage = mapper.createObjectNode()
                .put("input_tokens", call.promptTokens())
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", output);
        if (output == call.outputTokens()) {
            usage.putObject("output_tokens_details").put("thinking_tokens", call.reasoningTokens());
        }
        return usage;
    }

    private static String blockStart(ObjectMapper mapper, int index, ObjectNode block) {
        ObjectNode data =
                mapper.createObjectNode().put("type", "content_block_start").put("index", index);
        data.set("content_block", block);
        return event("content_block_start", data);
    }

    private static String blockDelta(ObjectMapper mapper, int index, ObjectNode delta) {
        ObjectNode data =
                mapper.createObjectNode().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        return event("content_block_delta", data);
    }

    private static String blockStop(ObjectMapper mapper, int index) {
        return event(
                "content_block_stop",
                mapper.createObjectNode().put("type", "content_block_stop").put("index", index));
    }
}
