package io.thinkwatch.redaction;

import java.util.Iterator;
import java.util.Map;

import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Redacts every recorded text of a trace with one policy: each string value in {@code request.messages} (message
 * contents, tool call arguments, tool results, whatever the provider's shape), {@code request.input}, {@code answer},
 * {@code reasoningText}, {@code error} and the arguments of {@code toolCalls}; and sets {@code redactions} and {@code redactionsByType} to what it
 * replaced. Attribution, ids and numbers are not texts and stay as they are.
 */
public final class TraceRedaction {

    private TraceRedaction() {}

    /** The trace with its texts redacted and its counts set (0 and none when the policy is off). */
    public static TraceEvent apply(Policy policy, TraceEvent trace) {
        if (!policy.enabled()) {
            return trace.with().redactions(0).redactionsByType(null).build();
        }
        Counts counts = new Counts();
        RequestInfo request = trace.request();
        RequestInfo redactedRequest = request == null
                ? null
                : new RequestInfo(
                        redact(policy, request.messages(), counts),
                        policy.redact(request.input(), counts),
                        request.params());
        return trace.withToolArguments(arguments -> policy.redact(arguments, counts))
                .with()
                .request(redactedRequest)
                .answer(policy.redact(trace.answer(), counts))
                .reasoningText(policy.redact(trace.reasoningText(), counts))
                .error(policy.redact(trace.error(), counts))
                .redactions(counts.total())
                .redactionsByType(counts.byType())
                .build();
    }

    /** The JSON with every string value redacted; the node itself where nothing was replaced. */
    static JsonNode redact(Policy policy, JsonNode node, Counts counts) {
        JsonNode changed = changed(policy, node, counts);
        return changed == null ? node : changed;
    }

    /** A redacted copy of the JSON, or null when nothing in it was replaced. */
    private static JsonNode changed(Policy policy, JsonNode node, Counts counts) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String redacted = policy.redact(text, counts);
            return text.equals(redacted) ? null : TextNode.valueOf(redacted);
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode redacted = changed(policy, array.get(i), counts);
                if (redacted != null) {
                    if (copy == null) {
                        copy = array.arrayNode();
                        copy.addAll(array);
                    }
                    copy.set(i, redacted);
                }
            }
            return copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode redacted = changed(policy, field.getValue(), counts);
                if (redacted != null) {
                    if (copy == null) {
                        copy = object.objectNode();
                        copy.setAll(object);
                    }
                    copy.set(field.getKey(), redacted);
                }
            }
            return copy;
        }
        return null;
    }
}
