package io.thinkwatch.model;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One tool call a model made in its answer (a function call, a tool use): which tool, and with what. The name, id
 * and size are metadata; the arguments are captured text, shown and expired like the answer.
 *
 * @param id the provider's id of the call ({@code call_...}, {@code toolu_...}), null where the API has none
 * @param name the tool's name, as the model wrote it
 * @param argumentBytes the size in UTF-8 bytes of the arguments as the provider sent them (a JSON text for every API
 *        but Gemini and Bedrock, whose arguments are a JSON object, counted as compact JSON)
 * @param arguments the arguments text; null when not recorded or expired
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(String id, String name, Long argumentBytes, String arguments) {

    /** A call whose size is that of its arguments text. */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(
                id,
                name,
                arguments == null ? null : (long) arguments.getBytes(StandardCharsets.UTF_8).length,
                arguments);
    }

    /** The same call with other arguments text (redacted or cut); its size stays that of what was sent. */
    public ToolCall withArguments(String text) {
        return new ToolCall(id, name, argumentBytes, text);
    }
}
