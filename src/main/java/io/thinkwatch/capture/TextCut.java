package io.thinkwatch.capture;

import java.util.Iterator;
import java.util.Map;

import io.thinkwatch.capture.provider.ProviderCall;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Cuts very long recorded text (answer, reasoning, tool call arguments, the request's input, each text in its
 * messages) at a
 * configured number of characters and says so in the text, so one huge prompt cannot bloat Kafka and the
 * index while a reader still sees that something is missing. Only the trace is cut: the body forwarded to
 * the provider and back to the application is never touched.
 */
final class TextCut {

    private final int limit;

    /** @param limit characters kept per field; 0 or less keeps everything */
    TextCut(int limit) {
        this.limit = limit;
    }

    /** The marker put after a cut text, saying how much was left out. */
    static String marker(int removed) {
        return " …[cut by Thinkwatch: " + removed + " more characters]";
    }

    ProviderCall apply(ProviderCall call) {
        if (limit <= 0) {
            return call;
        }
        return new ProviderCall(
                call.provider(),
                call.api(),
                call.model(),
                call.responseModel(),
                cut(call.request()),
                cut(call.answer()),
                cut(call.reasoningText()),
                call.finishReason(),
                call.rawFinishReason(),
                call.usage(),
                call.error(),
                call.firstTokenOffset(),
                call.encryptedReasoningBytes(),
                call.toolCalls().stream()
                        .map(tool -> tool.withArguments(cut(tool.arguments())))
                        .toList());
    }

    /** The trace with its recorded texts (request, answer, reasoning, error, tool call arguments) cut. */
    TraceEvent apply(TraceEvent trace) {
        if (limit <= 0) {
            return trace;
        }
        return trace.withTexts(
                        cut(trace.request()), cut(trace.answer()), cut(trace.reasoningText()), cut(trace.error()))
                .withToolArguments(this::cut);
    }

    private RequestInfo cut(RequestInfo request) {
        return request == null
                ? null
                : new RequestInfo(cut(request.messages()), cut(request.input()), request.params());
    }

    String cut(String text) {
        if (text == null || limit <= 0 || text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end) + marker(text.length() - end);
    }

    /** A copy of the JSON with every over-long string cut; the original is left as it was. */
    JsonNode cut(JsonNode node) {
        if (node == null || limit <= 0) {
            return node;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return text.length() <= limit ? node : TextNode.valueOf(cut(text));
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(cut(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), cut(field.getValue()));
            }
            return copy;
        }
        return node;
    }
}
