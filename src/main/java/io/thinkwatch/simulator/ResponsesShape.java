package io.thinkwatch.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI Responses ({@code /v1/responses}): a reasoning item, then the answer's message item. */
record ResponsesShape() implements SimulatedApi {

    @Override
    public String idPrefix() {
        return "resp_sim";
    }

    @Override
    public Long budget(JsonNode request) {
        return request.hasNonNull("max_output_tokens")
                ? request.get("max_output_tokens").asLong()
                : null;
    }

    @Override
    public String promptField() {
        return "input";
    }

    /** The reasoning models behind this API reason on every call. */
    @Override
    public boolean thinks(JsonNode request) {
        return true;
    }

    @Override
    public ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode()
                .put("id", call.id())
                .put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000)
                .put("status", call.truncated() ? "incomplete" : "completed")
                .put("model", call.model());
        if (call.truncated()) {
            body.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            body.putNull("incomplete_details");
        }
        body.putNull("error").putNull("instructions");
        ArrayNode output = body.putArray("output");
        output.add(reasoningItem(call, mapper, true));
        if (call.tool() != null) {
            output.add(functionCallItem(call, mapper, true));
        } else if (!call.truncated()) {
            output.add(messageItem(call, mapper, true));
        }
        body.put("parallel_tool_calls", true).putArray("tools");
        body.put("tool_choice", "auto").putObject("metadata");
        body.put("temperature", 1.0).put("top_p", 1.0);
        ObjectNode usage = body.putObject("usage").put("input_tokens", call.promptTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        usage.put("output_tokens", call.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", call.reasoningTokens());
        usage.put("total_tokens", call.promptTokens() + call.outputTokens());
        return body;
    }

    /**
     * The event sequence OpenAI sends: each output item is added, filled by deltas and done before the
     * next, so an SDK's accumulator can show the answer while it streams.
     */
    @Override
    public List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode done = body(call, mapper);
        ObjectNode created = done.deepCopy().put("status", "in_progress");
        created.putNull("incomplete_details");
        created.putArray("output");
        created.putNull("usage");
        events.add(event(mapper, "response.created").set("response", created));
        events.add(event(mapper, "response.in_progress").set("response", created.deepCopy()));
        String reasoningId = "rs_" + call.id();
        events.add(itemEvent(mapper, "response.output_item.added", 0).set("item", reasoningItem(call, mapper, false)));
        if (call.reasoningText() != null && !call.truncated()) {
            ObjectNode part = mapper.createObjectNode().put("type", "summary_text");
            events.add(summaryEvent(mapper, "response.reasoning_summary_part.added", reasoningId)
                    .set("part", part.deepCopy().put("text", "")));
            events.add(summaryEvent(mapper, "response.reasoning_summary_text.delta", reasoningId)
                    .put("delta", call.reasoningText()));
            events.add(summaryEvent(mapper, "response.reasoning_summary_text.done", reasoningId)
                    .put("text", call.reasoningText()));
            events.add(summaryEvent(mapper, "response.reasoning_summary_part.done", reasoningId)
                    .set("part", part.put("text", call.reasoningText())));
        }
        events.add(itemEvent(mapper, "response.output_item.done", 0).set("item", reasoningItem(call, mapper, true)));
        if (call.tool() != null) {
            String itemId = "fc_" + call.id();
            events.add(itemEvent(mapper, "response.output_item.added", 1)
                    .set("item", functionCallItem(call, mapper, false)));
            String arguments = call.tool().arguments();
            int half = arguments.length() / 2;
            for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                events.add(itemEvent(mapper, "response.function_call_arguments.delta", 1)
                        .put("item_id", itemId)
                        .put("delta", piece));
            }
            events.add(itemEvent(mapper, "response.function_call_arguments.done", 1)
                    .put("item_id", itemId)
                    .put("arguments", arguments));
            events.add(itemEvent(mapper, "response.output_item.done", 1)
                    .set("item", functionCallItem(call, mapper, true)));
        } else if (!call.truncated()) {
            String messageId = "msg_" + call.id();
            events.add(
                    itemEvent(mapper, "response.output_item.added", 1).set("item", messageItem(call, mapper, false)));
            events.add(
                    textEvent(mapper, "response.content_part.added", messageId).set("part", outputText(mapper, "")));
            for (String word : call.words()) {
                events.add(textEvent(mapper, "response.output_text.delta", messageId)
                        .put("delta", word)
                        .set("logprobs", mapper.createArrayNode()));
            }
            events.add(textEvent(mapper, "response.output_text.done", messageId)
                    .put("text", call.answer())
                    .set("logprobs", mapper.createArrayNode()));
            events.add(textEvent(mapper, "response.content_part.done", messageId)
                    .set("part", outputText(mapper, call.answer())));
            events.add(itemEvent(mapper, "response.output_item.done", 1).set("item", messageItem(call, mapper, true)));
        }
        String terminal = call.truncated() ? "response.incomplete" : "response.completed";
        events.add(event(mapper, terminal).set("response", done));
        List<String> frames = new ArrayList<>();
        for (ObjectNode event : events) {
            event.put("sequence_number", frames.size());
            frames.add(SseFrames.event(event.get("type").asText(), event));
        }
        return frames;
    }

    /** The error body OpenAI sends for both its APIs. */
    @Override
    public ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
        return CHAT.error(status, type, message, mapper);
    }

    /** The reasoning item: its summary once done (none when the budget ran out while reasoning). */
    private static ObjectNode reasoningItem(SimulatedCall call, ObjectMapper mapper, boolean done) {
        ObjectNode item = mapper.createObjectNode().put("id", "rs_" + call.id()).put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (done && call.reasoningText() != null && !call.truncated()) {
            summary.addObject().put("type", "summary_text").put("text", call.reasoningText());
        }
        return item;
    }

    /** The function call item: its arguments empty when added to a stream, whole once done. */
    private static ObjectNode functionCallItem(SimulatedCall call, ObjectMapper mapper, boolean done) {
        return mapper.createObjectNode()
                .put("id", "fc_" + call.id())
                .put("type", "function_call")
                .put("status", done ? "completed" : "in_progress")
                .put("arguments", done ? call.tool().arguments() : "")
                .put("call_id", call.tool().id())
                .put("name", call.tool().name());
    }

    /** The answer's message item: empty and in progress when added to a stream, whole once done. */
    private static ObjectNode messageItem(SimulatedCall call, ObjectMapper mapper, boolean done) {
        ObjectNode item = mapper.createObjectNode()
                .put("id", "msg_" + call.id())
                .put("type", "message")
                .put("status", done ? "completed" : "in_progress")
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (done) {
            content.add(outputText(mapper, call.answer()));
        }
        return item;
    }

    private static ObjectNode outputText(ObjectMapper mapper, String text) {
        ObjectNode part = mapper.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    private static ObjectNode event(ObjectMapper mapper, String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private static ObjectNode itemEvent(ObjectMapper mapper, String type, int outputIndex) {
        return event(mapper, type).put("output_index", outputIndex);
    }

    private static ObjectNode summaryEvent(ObjectMapper mapper, String type, String itemId) {
        return event(mapper, type).put("item_id", itemId).put("output_index", 0).put("summary_index", 0);
    }

    private static ObjectNode textEvent(ObjectMapper mapper, String type, String itemId) {
        return event(mapper, type).put("item_id", itemId).put("output_index", 1).put("content_index", 0);
    }
}
