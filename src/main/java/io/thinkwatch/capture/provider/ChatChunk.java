package io.thinkwatch.capture.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The fields capture keeps of one Chat Completions stream chunk, read token by token: a stream of 500 chunks built
 * a tree of each (id, object, created, fingerprint and all) and that was a third of the publisher's time. Only
 * {@code usage} and {@code error}, which come once, are read as trees. Wrong types read as absent, as in {@link Json}.
 *
 * @param usage the usage object, or null when the chunk has none (or {@code "usage": null})
 * @param error the error object, or null
 */
record ChatChunk(String model, List<Choice> choices, JsonNode usage, JsonNode error) {

    /**
     * One choice's delta: its answer text, its visible reasoning, and its finish reason, each null when absent; and
     * the pieces of tool calls it carries (empty nearly always).
     */
    record Choice(String content, String reasoning, String finishReason, List<ToolDelta> tools) {}

    /**
     * A piece of a tool call: the call's {@code index} in the choice, its id and name (sent with its first piece),
     * and a piece of its arguments text. A legacy {@code function_call} delta has index -1 and no id.
     */
    record ToolDelta(int index, String id, String name, String arguments) {}

    /** The chunk in an event's data, read from its bytes; null when it is not a JSON object (garbage, cut off, an array). */
    static ChatChunk read(ObjectMapper mapper, SseEvents.Event event) {
        try (JsonParser parser = event.parser(mapper.getFactory())) {
            return read(mapper, parser);
        } catch (IOException e) {
            return null;
        }
    }

    private static ChatChunk read(ObjectMapper mapper, JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String model = null;
        List<Choice> choices = List.of();
        JsonNode usage = null;
        JsonNode error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "model" -> model = text(parser, value);
                case "choices" -> choices = value == JsonToken.START_ARRAY ? choices(parser) : skip(parser, List.of());
                case "usage" -> usage = value == JsonToken.START_OBJECT ? mapper.readTree(parser) : skip(parser, null);
                // Present at all means failed, "error": null too, as a tree's has("error") said
                case "error" ->
                    error = value == JsonToken.VALUE_NULL ? NullNode.getInstance() : mapper.readTree(parser);
                default -> parser.skipChildren();
            }
        }
        return parser.currentToken() == JsonToken.END_OBJECT ? new ChatChunk(model, choices, usage, error) : null;
    }

    private static List<Choice> choices(JsonParser parser) throws IOException {
        List<Choice> choices = new ArrayList<>(1);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT) {
                choices.add(choice(parser));
            } else {
                parser.skipChildren();
            }
        }
        return choices;
    }

    private static Choice choice(JsonParser parser) throws IOException {
        String content = null;
        String reasoningContent = null;
        String reasoning = null;
        String finish = null;
        List<ToolDelta> tools = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("delta".equals(name) && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken fieldValue = parser.nextToken();
                    switch (field) {
                        case "content" -> content = text(parser, fieldValue);
                        // reasoning_content (DeepSeek, vLLM) before reasoning (OpenRouter), as in the plain answer
                        case "reasoning_content" -> reasoningContent = text(parser, fieldValue);
                        case "reasoning" -> reasoning = text(parser, fieldValue);
                        case "tool_calls" ->
                            tools = fieldValue == JsonToken.START_ARRAY ? toolDeltas(parser) : skip(parser, tools);
                        case "function_call" ->
                            tools = fieldValue == JsonToken.START_OBJECT
                                    ? List.of(toolDelta(parser, -1))
                                    : skip(parser, tools);
                        default -> parser.skipChildren();
                    }
                }
            } else if ("finish_reason".equals(name)) {
                finish = text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return new Choice(content, reasoningContent != null ? reasoningContent : reasoning, finish, tools);
    }

    private static List<ToolDelta> toolDeltas(JsonParser parser) throws IOException {
        List<ToolDelta> tools = new ArrayList<>(1);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT) {
                tools.add(toolDelta(parser, tools.size()));
            } else {
                parser.skipChildren();
            }
        }
        return tools;
    }

    /**
     * One tool call piece: {@code {index, id, type, function: {name, arguments}}} (or a custom tool's
     * {@code custom: {name, input}}), or, for a legacy {@code function_call}, {@code {name, arguments}}.
     */
    private static ToolDelta toolDelta(JsonParser parser, int fallbackIndex) throws IOException {
        int index = fallbackIndex;
        String id = null;
        String name = null;
        String arguments = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "index" -> index = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : index;
                case "id" -> id = text(parser, value);
                case "name" -> name = text(parser, value);
                case "arguments", "input" -> arguments = text(parser, value);
                case "function", "custom" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = parser.currentName();
                            JsonToken innerValue = parser.nextToken();
                            switch (inner) {
                                case "name" -> name = text(parser, innerValue);
                                case "arguments", "input" -> arguments = text(parser, innerValue);
                                default -> parser.skipChildren();
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new ToolDelta(index, id, name, arguments);
    }

    /** The value if it is a string, else null (the value skipped). */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static <T> T skip(JsonParser parser, T absent) throws IOException {
        parser.skipChildren();
        return absent;
    }
}
