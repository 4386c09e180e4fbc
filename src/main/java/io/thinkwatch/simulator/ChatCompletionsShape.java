package io.thinkwatch.simulator;

import static io.thinkwatch.simulator.SseFrames.data;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI Chat Completions ({@code /v1/chat/completions}); its error body is OpenAI's for both its APIs. */
record ChatCompletionsShape() implements SimulatedApi {

    @Override
    public String idPrefix() {
        return "chatcmpl-sim-";
    }

    @Override
    public Long budget(JsonNode request) {
        JsonNode max = request.hasNonNull("max_completion_tokens")
                ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        return max == null || max.isNull() ? null : max.asLong();
    }

    @Override
    public String promptField() {
        return "messages";
    }

    /** The reasoning models behind this API reason on every call. */
    @Override
    public boolean thinks(JsonNode request) {
        return true;
    }

    @Override
    public ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode body = header(call, mapper, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (call.tool() != null) {
            message.putNull("content");
            message.putArray("tool_calls").add(toolCall(call.tool(), call.tool().arguments(), mapper));
        } else {
            message.put("content", call.answer());
        }
        message.putNull("refusal");
        choice.put("finish_reason", finish(call));
        body.set("usage", usage(call, mapper));
        return body;
    }

    /** The usage chunk only when the request asked for it, as OpenAI does. */
    @Override
    public List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
        boolean includeUsage =
                request.path("stream_options").path("include_usage").asBoolean(false);
        List<String> events = new ArrayList<>();
        events.add(data(chunk(
                call,
                mapper,
                mapper.createObjectNode().put("role", "assistant").put("content", ""),
                null,
                includeUsage)));
        for (String word : call.words()) {
            events.add(data(chunk(call, mapper, mapper.createObjectNode().put("content", word), null, includeUsage)));
        }
        if (call.tool() != null) {
            // the first piece names the call, the arguments follow in two pieces, as OpenAI streams them
            String arguments = call.tool().arguments();
            int half = arguments.length() / 2;
            ObjectNode first = mapper.createObjectNode();
            first.putArray("tool_calls").add(toolCall(call.tool(), "", mapper).put("index", 0));
            events.add(data(chunk(call, mapper, first, null, includeUsage)));
            for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                ObjectNode delta = mapper.createObjectNode();
                ObjectNode part = delta.putArray("tool_calls").addObject().put("index", 0);
                part.putObject("function").put("arguments", piece);
                events.add(data(chunk(call, mapper, delta, null, includeUsage)));
            }
        }
        events.add(data(chunk(call, mapper, mapper.createObjectNode(), finish(call), includeUsage)));
        if (includeUsage) {
            ObjectNode last = header(call, mapper, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(call, mapper));
            events.add(data(last));
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    @Override
    public ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .putNull("code");
        return body;
    }

    private static String finish(SimulatedCall call) {
        return call.truncated() ? "length" : call.tool() != null ? "tool_calls" : "stop";
    }

    private static ObjectNode toolCall(SimulatedCall.Tool tool, String arguments, ObjectMapper mapper) {
        ObjectNode call = mapper.createObjectNode().put("id", tool.id()).put("type", "function");
        call.putObject("function").put("name", tool.name()).put("arguments", arguments);
        return call;
    }

    private static ObjectNode header(SimulatedCall call, ObjectMapper mapper, String object) {
        return mapper.createObjectNode()
                .put("id", call.id())
                .put("object", object)
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", call.model());
    }

    private static ObjectNode chunk(
            SimulatedCall call, ObjectMapper mapper, ObjectNode delta, String finish, boolean includeUsage) {
        ObjectNode chunk = header(call, mapper, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode usage(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode usage = mapper.createObjectNode()
                .put("prompt_tokens", call.promptTokens())
                .put("completion_tokens", call.outputTokens())
                .put("total_tokens", call.promptTokens() + call.outputTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", call.reasoningTokens())
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }
}
