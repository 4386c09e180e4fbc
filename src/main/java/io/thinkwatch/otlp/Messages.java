package io.thinkwatch.otlp;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The prompt and the answer of a GenAI span, where its instrumentation recorded them (most record none by default):
 * the current conventions' {@code gen_ai.input.messages}, {@code gen_ai.system_instructions} and
 * {@code gen_ai.output.messages} (on the span or on an event), the older {@code gen_ai.prompt} /
 * {@code gen_ai.completion} (JSON on the span or on {@code gen_ai.content.*} events, or flattened as
 * {@code gen_ai.completion.0.content}), and OpenInference's flattened {@code llm.input_messages.N.message.*}.
 */
final class Messages {

    /**
     * @param input    the prompt as recorded, or null
     * @param answer   the visible text of the first output message (choice); null when no output was recorded
     * @param reasoning the text of its {@code reasoning} parts, or null
     * @param finishReason the first output message's {@code finish_reason}, or null
     */
    record Content(JsonNode input, String answer, String reasoning, String finishReason) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Messages() {}

    static Content read(Attributes span, List<Attributes> events, ObjectMapper mapper) {
        JsonNode input = input(span, mapper);
        Optional<JsonNode> output = span.structured(mapper, "gen_ai.output.messages", "gen_ai.completion");
        for (Attributes event : events) {
            if (input == null) {
                input = input(event, mapper);
            }
            if (output.isEmpty()) {
                output = event.structured(mapper, "gen_ai.output.messages", "gen_ai.completion");
            }
        }
        if (output.isEmpty()) {
            output = flattened(span, "gen_ai.completion.", "content")
                    .or(() -> flattened(span, "llm.output_messages.", "message.content"));
        }
        if (output.isEmpty()) {
            return new Content(input, null, null, null);
        }
        JsonNode first = output.get().isArray() ? output.get().path(0) : output.get();
        if (first.isTextual()) {
            return new Content(input, first.asText(), null, null);
        }
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonNode parts = first.path("parts");
        if (parts.isArray()) {
            for (JsonNode part : parts) {
                String type = part.path("type").asText();
                String text =
                        part.path("content").isTextual() ? part.path("content").asText() : "";
                if ("text".equals(type)) {
                    answer.append(text);
                } else if ("reasoning".equals(type) || "thinking".equals(type)) {
                    reasoning.append(text);
                }
            }
        } else if (first.path("content").isTextual()) {
            answer.append(first.path("content").asText());
        }
        String finish = first.path("finish_reason").isTextual()
                ? first.path("finish_reason").asText()
                : null;
        return new Content(input, answer.toString(), reasoning.isEmpty() ? null : reasoning.toString(), finish);
    }

    private static JsonNode input(Attributes a, ObjectMapper mapper) {
        Optional<JsonNode> messages = a.structured(mapper, "gen_ai.input.messages", "gen_ai.prompt")
                .or(() -> flattened(a, "gen_ai.prompt.", "content"))
                .or(() -> flattened(a, "llm.input_messages.", "message.content"));
        Optional<JsonNode> instructions = a.structured(mapper, "gen_ai.system_instructions");
        if (instructions.isEmpty()) {
            return messages.orElse(null);
        }
        ArrayNode all = NODES.arrayNode();
        ObjectNode system = all.addObject().put("role", "system");
        if (instructions.get().isArray()) {
            system.set("parts", instructions.get());
        } else {
            system.set("content", instructions.get());
        }
        messages.ifPresent(m -> {
            if (m.isArray()) {
                all.addAll((ArrayNode) m);
            } else {
                all.add(m);
            }
        });
        return all;
    }

    /**
     * Messages flattened into one attribute per field ({@code <prefix>0.role}, {@code <prefix>0.<content>}), as a
     * JSON array of {@code {role, content}}; empty when the first is missing.
     */
    private static Optional<JsonNode> flattened(Attributes a, String prefix, String content) {
        String role = content.startsWith("message.") ? "message.role" : "role";
        ArrayNode messages = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            String text = a.string(prefix + i + "." + content);
            String who = a.string(prefix + i + "." + role);
            if (text == null && who == null) {
                break;
            }
            ObjectNode message = messages.addObject();
            if (who != null) {
                message.put("role", who);
            }
            message.put("content", text == null ? "" : text);
            String finish = a.string(prefix + i + ".finish_reason");
            if (finish != null) {
                message.put("finish_reason", finish);
            }
        }
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages);
    }
}
