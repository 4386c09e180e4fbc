package io.thinkwatch.capture;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Requests and provider answers of the four recorded APIs around given texts, plain and streamed, shaped like the
 * fixtures under {@code src/test/resources/fixtures}. A streamed text is split into three deltas at arbitrary places,
 * so a secret can arrive in pieces.
 */
enum ProviderBodies {
    CHAT("fixture", "/v1/chat/completions", "/v1/chat/completions"),
    RESPONSES("fixture", "/v1/responses", "/v1/responses"),
    MESSAGES("fixture-anthropic", "/v1/messages", "/v1/messages"),
    GEMINI(
            "fixture-gemini",
            "/v1beta/models/gemini-2.5-pro:generateContent",
            "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");

    private static final ObjectMapper JSON = new ObjectMapper();

    final String upstream;
    private final String plainPath;
    private final String streamPath;

    ProviderBodies(String upstream, String plainPath, String streamPath) {
        this.upstream = upstream;
        this.plainPath = plainPath;
        this.streamPath = streamPath;
    }

    String path(boolean stream) {
        return stream ? streamPath : plainPath;
    }

    String contentType(boolean stream) {
        return stream ? "text/event-stream; charset=utf-8" : "application/json";
    }

    /** The application's request: the prompt as the user's message (for Chat, half of it in a tool call). */
    String request(String prompt, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        switch (this) {
            case CHAT -> {
                body.put("model", "o3");
                ArrayNode messages = body.putArray("messages");
                int half = prompt.indexOf("; ", prompt.length() / 2);
                if (half < 0) {
                    half = prompt.length();
                }
                messages.addObject().put("role", "user").put("content", prompt.substring(0, half));
                ObjectNode call = messages.addObject()
                        .put("role", "assistant")
                        .putArray("tool_calls")
                        .addObject();
                call.put("id", "call_1").put("type", "function");
                call.putObject("function")
                        .put("name", "remember")
                        .put(
                                "arguments",
                                JSON.createObjectNode()
                                        .put("note", prompt.substring(half))
                                        .toString());
                messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", "call_1")
                        .put("content", "stored");
                if (stream) {
                    body.put("stream", true).putObject("stream_options").put("include_usage", true);
                }
            }
            case RESPONSES -> {
                body.put("model", "o3").put("input", prompt);
                if (stream) {
                    body.put("stream", true);
                }
            }
            case MESSAGES -> {
                body.put("model", "claude-sonnet-4").put("max_tokens", 8000);
                body.putArray("messages").addObject().put("role", "user").put("content", prompt);
                if (stream) {
                    body.put("stream", true);
                }
            }
            case GEMINI ->
                body.putArray("contents")
                        .addObject()
                        .put("role", "user")
                        .putArray("parts")
                        .addObject()
                        .put("text", prompt);
        }
        return body.toString();
    }

    /** The provider's answer holding {@code answer} and the visible {@code reasoning}. */
    byte[] response(String answer, String reasoning, boolean stream) {
        String body = stream ? stream(answer, reasoning) : plain(answer, reasoning);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private String plain(String answer, String reasoning) {
        ObjectNode body = JSON.createObjectNode();
        switch (this) {
            case CHAT -> {
                body.put("id", "c1").put("object", "chat.completion").put("model", "o3");
                ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
                choice.putObject("message")
                        .put("role", "assistant")
                        .put("reasoning_content", reasoning)
                        .put("content", answer);
                choice.put("finish_reason", "stop");
                body.set("usage", chatUsage());
            }
            case RESPONSES -> {
                body.put("id", "resp_1")
                        .put("object", "response")
                        .put("status", "completed")
                        .put("model", "o3");
                ArrayNode output = body.putArray("output");
                ObjectNode thinking = output.addObject().put("id", "rs_1").put("type", "reasoning");
                thinking.putArray("summary")
                        .addObject()
                        .put("type", "summary_text")
                        .put("text", reasoning);
                ObjectNode message = output.addObject()
                        .put("id", "msg_1")
                        .put("type", "message")
                        .put("status", "completed")
                        .put("role", "assistant");
                message.putArray("content")
                        .addObject()
                        .put("type", "output_text")
                        .put("text", answer);
                body.set("usage", responsesUsage());
            }
            case MESSAGES -> {
                body.put("id", "msg_1")
                        .put("type", "message")
                        .put("role", "assistant")
                        .put("model", "claude-sonnet-4");
                ArrayNode content = body.putArray("content");
                content.addObject()
                        .put("type", "thinking")
                        .put("thinking", reasoning)
                        .put("signature", "sig");
                content.addObject().put("type", "text").put("text", answer);
                body.put("stop_reason", "end_turn");
                body.putObject("usage").put("input_tokens", 20).put("output_tokens", 900);
            }
            case GEMINI -> {
                ObjectNode candidate = body.putArray("candidates").addObject();
                ArrayNode parts =
                        candidate.putObject("content").put("role", "model").putArray("parts");
                parts.addObject().put("text", reasoning).put("thought", true);
                parts.addObject().put("text", answer);
                candidate.put("finishReason", "STOP").put("index", 0);
                body.set("usageMetadata", geminiUsage());
                body.put("modelVersion", "gemini-2.5-pro");
            }
        }
        return body.toString();
    }

    private String stream(String answer, String reasoning) {
        StringBuilder sse = new StringBuilder();
        switch (this) {
            case CHAT -> {
                for (String piece : pieces(reasoning)) {
                    data(sse, chatChunk().set("choices", chatDelta("reasoning_content", piece)));
                }
                for (String piece : pieces(answer)) {
                    data(sse, chatChunk().set("choices", chatDelta("content", piece)));
                }
                ArrayNode finish = JSON.createArrayNode();
                finish.addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
                data(sse, chatChunk().set("choices", finish));
                ObjectNode usage = chatChunk();
                usage.putArray("choices");
                data(sse, usage.set("usage", chatUsage()));
                sse.append("data: [DONE]\n\n");
            }
            case RESPONSES -> {
                for (String piece : pieces(reasoning)) {
                    event(
                            sse,
                            "response.reasoning_summary_text.delta",
                            JSON.createObjectNode()
                                    .put("type", "response.reasoning_summary_text.delta")
                                    .put("item_id", "rs_1")
                                    .put("output_index", 0)
                                    .put("summary_index", 0)
                                    .put("delta", piece));
                }
                for (String piece : pieces(answer)) {
                    event(
                            sse,
                            "response.output_text.delta",
                            JSON.createObjectNode()
                                    .put("type", "response.output_text.delta")
                                    .put("item_id", "msg_1")
                                    .put("output_index", 1)
                                    .put("content_index", 0)
                                    .put("delta", piece));
                }
                ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
                try {
                    completed.set("response", JSON.readTree(plain(answer, reasoning)));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                event(sse, "response.completed", completed);
            }
            case MESSAGES -> {
                ObjectNode start = JSON.createObjectNode().put("type", "message_start");
                start.putObject("message")
                        .put("id", "msg_1")
                        .put("type", "message")
                        .put("role", "assistant")
                        .put("model", "claude-sonnet-4")
                        .putObject("usage")
                        .put("input_tokens", 20)
                        .put("output_tokens", 1);
                event(sse, "message_start", start);
                block(sse, 0, "thinking", "thinking_delta", "thinking", reasoning);
                block(sse, 1, "text", "text_delta", "text", answer);
                ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
                delta.putObject("delta").put("stop_reason", "end_turn");
                delta.putObject("usage").put("output_tokens", 900);
                event(sse, "message_delta", delta);
                event(sse, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
            }
            case GEMINI -> {
                for (String piece : pieces(reasoning)) {
                    data(sse, geminiChunk(piece, true, false));
                }
                List<String> answerPieces = pieces(answer);
                for (int i = 0; i < answerPieces.size(); i++) {
                    data(sse, geminiChunk(answerPieces.get(i), false, i == answerPieces.size() - 1));
                }
            }
        }
        return sse.toString();
    }

    private static void block(StringBuilder sse, int index, String type, String deltaType, String field, String text) {
        ObjectNode start =
                JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        start.putObject("content_block").put("type", type).put(field, "");
        event(sse, "content_block_start", start);
        for (String piece : pieces(text)) {
            ObjectNode delta =
                    JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", deltaType).put(field, piece);
            event(sse, "content_block_delta", delta);
        }
        event(
                sse,
                "content_block_stop",
                JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private static ObjectNode geminiChunk(String text, boolean thought, boolean last) {
        ObjectNode chunk = JSON.createObjectNode();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        ObjectNode part = candidate
                .putObject("content")
                .put("role", "model")
                .putArray("parts")
                .addObject();
        part.put("text", text);
        if (thought) {
            part.put("thought", true);
        }
        candidate.put("index", 0);
        if (last) {
            candidate.put("finishReason", "STOP");
            chunk.set("usageMetadata", geminiUsage());
        }
        chunk.put("modelVersion", "gemini-2.5-pro");
        return chunk;
    }

    private static ObjectNode chatChunk() {
        return JSON.createObjectNode()
                .put("id", "c1")
                .put("object", "chat.completion.chunk")
                .put("model", "o3");
    }

    private static ArrayNode chatDelta(String field, String piece) {
        ArrayNode choices = JSON.createArrayNode();
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.putObject("delta").put(field, piece);
        choice.putNull("finish_reason");
        return choices;
    }

    private static ObjectNode chatUsage() {
        ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", 10).put("completion_tokens", 300);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 280);
        return usage;
    }

    private static ObjectNode responsesUsage() {
        ObjectNode usage = JSON.createObjectNode().put("input_tokens", 200);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", 1500);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 1472);
        return usage;
    }

    private static ObjectNode geminiUsage() {
        return JSON.createObjectNode()
                .put("promptTokenCount", 30)
                .put("candidatesTokenCount", 8)
                .put("thoughtsTokenCount", 600)
                .put("totalTokenCount", 638);
    }

    /** The text in three pieces, cut at a third and two thirds of its length. */
    private static List<String> pieces(String text) {
        int a = text.length() / 3;
        int b = 2 * text.length() / 3;
        return List.of(text.substring(0, a), text.substring(a, b), text.substring(b));
    }

    private static void data(StringBuilder sse, ObjectNode json) {
        sse.append("data: ").append(json).append("\n\n");
    }

    private static void event(StringBuilder sse, String name, ObjectNode json) {
        sse.append("event: ").append(name).append('\n');
        data(sse, json);
    }
}
