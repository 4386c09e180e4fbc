package io.thinkwatch.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How each provider API shapes a {@link SimulatedCall}: the request fields it reads, its JSON answer, its
 * stream events (whole SSE frames) and its error body, following the field list of PROVIDERS.md.
 */
enum SimulatedApi {

    CHAT("chatcmpl-sim-") {
        @Override
        Long budget(JsonNode request) {
            JsonNode max = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                    : request.get("max_tokens");
            return max == null || max.isNull() ? null : max.asLong();
        }

        @Override
        String promptField() {
            return "messages";
        }

        @Override
        ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
            ObjectNode body = chatHeader(call, mapper, "chat.completion");
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", call.answer()).putNull("refusal");
            choice.put("finish_reason", call.truncated() ? "length" : "stop");
            body.set("usage", chatUsage(call, mapper));
            return body;
        }

        /** The usage chunk only when the request asked for it, as OpenAI does. */
        @Override
        List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
            boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
            List<String> events = new ArrayList<>();
            events.add(data(chatChunk(call, mapper, mapper.createObjectNode().put("role", "assistant").put("content", ""),
                    null, includeUsage)));
            for (String word : call.words()) {
                events.add(data(chatChunk(call, mapper, mapper.createObjectNode().put("content", word), null,
                        includeUsage)));
            }
            events.add(data(chatChunk(call, mapper, mapper.createObjectNode(), call.truncated() ? "length" : "stop",
                    includeUsage)));
            if (includeUsage) {
                ObjectNode last = chatHeader(call, mapper, "chat.completion.chunk");
                last.putArray("choices");
                last.set("usage", chatUsage(call, mapper));
                events.add(data(last));
            }
            events.add("data: [DONE]\n\n");
            return events;
        }

        @Override
        ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
            ObjectNode body = mapper.createObjectNode();
            body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
            return body;
        }
    },

    RESPONSES("resp_sim") {
        @Override
        Long budget(JsonNode request) {
            return request.hasNonNull("max_output_tokens") ? request.get("max_output_tokens").asLong() : null;
        }

        @Override
        String promptField() {
            return "input";
        }

        @Override
        ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
            ObjectNode body = mapper.createObjectNode().put("id", call.id()).put("object", "response")
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
            if (!call.truncated()) {
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
        List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
            List<ObjectNode> events = new ArrayList<>();
            ObjectNode done = body(call, mapper);
            ObjectNode created = done.deepCopy().put("status", "in_progress");
            created.putNull("incomplete_details");
            created.putArray("output");
            created.putNull("usage");
            events.add(responseEvent(mapper, "response.created").set("response", created));
            events.add(responseEvent(mapper, "response.in_progress").set("response", created.deepCopy()));
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
            if (!call.truncated()) {
                String messageId = "msg_" + call.id();
                events.add(itemEvent(mapper, "response.output_item.added", 1).set("item", messageItem(call, mapper, false)));
                events.add(textEvent(mapper, "response.content_part.added", messageId)
                        .set("part", outputText(mapper, "")));
                for (String word : call.words()) {
                    events.add(textEvent(mapper, "response.output_text.delta", messageId).put("delta", word)
                            .set("logprobs", mapper.createArrayNode()));
                }
                events.add(textEvent(mapper, "response.output_text.done", messageId).put("text", call.answer())
                        .set("logprobs", mapper.createArrayNode()));
                events.add(textEvent(mapper, "response.content_part.done", messageId)
                        .set("part", outputText(mapper, call.answer())));
                events.add(itemEvent(mapper, "response.output_item.done", 1).set("item", messageItem(call, mapper, true)));
            }
            String terminal = call.truncated() ? "response.incomplete" : "response.completed";
            events.add(responseEvent(mapper, terminal).set("response", done));
            List<String> frames = new ArrayList<>();
            for (ObjectNode event : events) {
                event.put("sequence_number", frames.size());
                frames.add(event(event.get("type").asText(), event));
            }
            return frames;
        }

        @Override
        ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
            return CHAT.error(status, type, message, mapper);
        }
    },

    MESSAGES("msg_sim") {
        @Override
        Long budget(JsonNode request) {
            return request.hasNonNull("max_tokens") ? request.get("max_tokens").asLong() : null;
        }

        @Override
        String promptField() {
            return "messages";
        }

        /** Claude reasons only when the request turns thinking on. */
        @Override
        boolean thinks(JsonNode request) {
            String type = request.path("thinking").path("type").asText("disabled");
            return !"disabled".equals(type);
        }

        @Override
        ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
            ObjectNode body = messageHeader(call, mapper);
            ArrayNode content = body.putArray("content");
            if (call.reasoningText() != null) {
                content.addObject().put("type", "thinking").put("thinking", call.reasoningText())
                        .put("signature", "sim-signature");
            }
            if (!call.truncated()) {
                content.addObject().put("type", "text").put("text", call.answer());
            }
            body.put("stop_reason", call.truncated() ? "max_tokens" : "end_turn").putNull("stop_sequence");
            body.set("usage", messageUsage(call, mapper, call.outputTokens()));
            return body;
        }

        @Override
        List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
            List<String> events = new ArrayList<>();
            ObjectNode start = messageHeader(call, mapper);
            start.putArray("content");
            start.putNull("stop_reason").putNull("stop_sequence");
            start.set("usage", messageUsage(call, mapper, 1));
            events.add(event("message_start", mapper.createObjectNode().put("type", "message_start").set("message", start)));
            int index = 0;
            if (call.reasoningText() != null) {
                events.add(blockStart(mapper, index, mapper.createObjectNode().put("type", "thinking")
                        .put("thinking", "").put("signature", "")));
                events.add(blockDelta(mapper, index, mapper.createObjectNode().put("type", "thinking_delta")
                        .put("thinking", call.reasoningText())));
                events.add(blockDelta(mapper, index, mapper.createObjectNode().put("type", "signature_delta")
                        .put("signature", "sim-signature")));
                events.add(blockStop(mapper, index++));
            }
            if (!call.truncated()) {
                events.add(blockStart(mapper, index, mapper.createObjectNode().put("type", "text").put("text", "")));
                for (String word : call.words()) {
                    events.add(blockDelta(mapper, index, mapper.createObjectNode().put("type", "text_delta")
                            .put("text", word)));
                }
                events.add(blockStop(mapper, index));
            }
            ObjectNode delta = mapper.createObjectNode().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", call.truncated() ? "max_tokens" : "end_turn")
                    .putNull("stop_sequence");
            delta.set("usage", messageUsage(call, mapper, call.outputTokens()));
            events.add(event("message_delta", delta));
            events.add(event("message_stop", mapper.createObjectNode().put("type", "message_stop")));
            return events;
        }

        @Override
        ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
            ObjectNode body = mapper.createObjectNode().put("type", "error");
            body.putObject("error").put("type", status == 429 ? "rate_limit_error" : "api_error")
                    .put("message", message);
            return body;
        }
    },

    GEMINI("sim-") {
        @Override
        Long budget(JsonNode request) {
            JsonNode max = request.path("generationConfig").get("maxOutputTokens");
            return max == null || max.isNull() ? null : max.asLong();
        }

        @Override
        String promptField() {
            return "contents";
        }

        @Override
        ObjectNode body(SimulatedCall call, ObjectMapper mapper) {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode parts = candidate(body, mapper, call.truncated() ? "MAX_TOKENS" : "STOP");
            if (call.reasoningText() != null) {
                parts.addObject().put("text", call.reasoningText()).put("thought", true);
            }
            if (!call.truncated()) {
                parts.addObject().put("text", call.answer());
            }
            body.set("usageMetadata", geminiUsage(call, mapper, true));
            return body.put("modelVersion", call.model()).put("responseId", call.id());
        }

        /** Each chunk is a whole response with new parts; finish reason and full usage on the last. */
        @Override
        List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper) {
            List<ObjectNode> chunks = new ArrayList<>();
            if (call.reasoningText() != null) {
                ObjectNode chunk = mapper.createObjectNode();
                candidate(chunk, mapper, null).addObject().put("text", call.reasoningText()).put("thought", true);
                chunks.add(chunk);
            }
            for (String word : call.words()) {
                ObjectNode chunk = mapper.createObjectNode();
                candidate(chunk, mapper, null).addObject().put("text", word);
                chunks.add(chunk);
            }
            if (chunks.isEmpty()) {
                ObjectNode empty = mapper.createObjectNode();
                candidate(empty, mapper, null);
                chunks.add(empty);
            }
            ObjectNode last = chunks.get(chunks.size() - 1);
            ((ObjectNode) last.path("candidates").path(0)).put("finishReason", call.truncated() ? "MAX_TOKENS" : "STOP");
            List<String> events = new ArrayList<>();
            for (ObjectNode chunk : chunks) {
                chunk.set("usageMetadata", geminiUsage(call, mapper, chunk == last));
                chunk.put("modelVersion", call.model()).put("responseId", call.id());
                events.add(data(chunk));
            }
            return events;
        }

        @Override
        ObjectNode error(int status, String type, String message, ObjectMapper mapper) {
            ObjectNode body = mapper.createObjectNode();
            body.putObject("error").put("code", status).put("message", message)
                    .put("status", status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL");
            return body;
        }
    };

    /** Prefix of the ids of this API's answers. */
    final String idPrefix;

    SimulatedApi(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** The output budget the request sets, or null. */
    abstract Long budget(JsonNode request);

    /** The request field holding the prompt. */
    abstract String promptField();

    /** Whether the model reasons on this request. */
    boolean thinks(JsonNode request) {
        return true;
    }

    abstract ObjectNode body(SimulatedCall call, ObjectMapper mapper);

    /** The stream, one whole SSE frame (ending in a blank line) per element. */
    abstract List<String> events(SimulatedCall call, JsonNode request, ObjectMapper mapper);

    abstract ObjectNode error(int status, String type, String message, ObjectMapper mapper);

    private static String data(JsonNode json) {
        return "data: " + json + "\n\n";
    }

    private static String event(String type, JsonNode json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
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

    /** The answer's message item: empty and in progress when added to a stream, whole once done. */
    private static ObjectNode messageItem(SimulatedCall call, ObjectMapper mapper, boolean done) {
        ObjectNode item = mapper.createObjectNode().put("id", "msg_" + call.id()).put("type", "message")
                .put("status", done ? "completed" : "in_progress").put("role", "assistant");
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

    private static ObjectNode responseEvent(ObjectMapper mapper, String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private static ObjectNode itemEvent(ObjectMapper mapper, String type, int outputIndex) {
        return responseEvent(mapper, type).put("output_index", outputIndex);
    }

    private static ObjectNode summaryEvent(ObjectMapper mapper, String type, String itemId) {
        return responseEvent(mapper, type).put("item_id", itemId).put("output_index", 0).put("summary_index", 0);
    }

    private static ObjectNode textEvent(ObjectMapper mapper, String type, String itemId) {
        return responseEvent(mapper, type).put("item_id", itemId).put("output_index", 1).put("content_index", 0);
    }

    private static ObjectNode chatHeader(SimulatedCall call, ObjectMapper mapper, String object) {
        return mapper.createObjectNode().put("id", call.id()).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", call.model());
    }

    private static ObjectNode chatChunk(SimulatedCall call, ObjectMapper mapper, ObjectNode delta, String finish,
            boolean includeUsage) {
        ObjectNode chunk = chatHeader(call, mapper, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode chatUsage(SimulatedCall call, ObjectMapper mapper) {
        ObjectNode usage = mapper.createObjectNode()
                .put("prompt_tokens", call.promptTokens())
                .put("completion_tokens", call.outputTokens())
                .put("total_tokens", call.promptTokens() + call.outputTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", call.reasoningTokens())
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static ObjectNode messageHeader(SimulatedCall call, ObjectMapper mapper) {
        return mapper.createObjectNode().put("id", call.id()).put("type", "message").put("role", "assistant")
                .put("model", call.model());
    }

    private static ObjectNode messageUsage(SimulatedCall call, ObjectMapper mapper, long output) {
        ObjectNode usage = mapper.createObjectNode().put("input_tokens", call.promptTokens())
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0)
                .put("output_tokens", output);
        if (output == call.outputTokens()) {
            usage.putObject("output_tokens_details").put("thinking_tokens", call.reasoningTokens());
        }
        return usage;
    }

    private static String blockStart(ObjectMapper mapper, int index, ObjectNode block) {
        ObjectNode data = mapper.createObjectNode().put("type", "content_block_start").put("index", index);
        data.set("content_block", block);
        return event("content_block_start", data);
    }

    private static String blockDelta(ObjectMapper mapper, int index, ObjectNode delta) {
        ObjectNode data = mapper.createObjectNode().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        return event("content_block_delta", data);
    }

    private static String blockStop(ObjectMapper mapper, int index) {
        return event("content_block_stop", mapper.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private static ArrayNode candidate(ObjectNode body, ObjectMapper mapper, String finish) {
        ObjectNode candidate = body.putArray("candidates").addObject();
        ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        candidate.put("index", 0);
        return parts;
    }

    private static ObjectNode geminiUsage(SimulatedCall call, ObjectMapper mapper, boolean full) {
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
