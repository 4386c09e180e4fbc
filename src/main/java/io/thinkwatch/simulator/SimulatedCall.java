package io.thinkwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One simulated Chat Completions answer, rendered as a JSON body or as stream chunks. */
record SimulatedCall(String id, String model, String answer, String finishReason, long promptTokens,
        long reasoningTokens, long visibleTokens) {

    private static final String[] ANSWERS = {
        "The shortest route visits the depots in the order B, D, A, C and takes 41 minutes.",
        "Yes: the invariant holds after every iteration, so the loop terminates with a sorted array.",
        "The contract allows termination with 30 days notice, but only after the first renewal.",
        "Refactor the cache into a read-through layer; the race disappears once writes go through it.",
        "Revenue grew 12 percent quarter over quarter, driven mostly by the enterprise tier.",
        "The proof fails at step four: the lemma assumes the graph is connected, which is not given.",
    };

    static SimulatedCall of(JsonNode request, Scenario scenario, Long reasoningOverride, SimulatorConfig config,
            Random random) {
        String model = request.path("model").asText("o3-mini");
        long budget = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens").asLong()
                : request.hasNonNull("max_tokens") ? request.get("max_tokens").asLong() : config.defaultMaxTokens();
        long prompt = Math.max(1, request.path("messages").toString().length() / 4);
        String id = "chatcmpl-sim-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        if (scenario == Scenario.TRUNCATED) {
            return new SimulatedCall(id, model, "", "length", prompt, budget, 0);
        }
        String answer = ANSWERS[random.nextInt(ANSWERS.length)];
        long visible = Math.max(1, answer.split(" ").length * 4L / 3);
        long reasoning = reasoningOverride != null ? reasoningOverride
                : Math.round(config.reasoningTokens() * (0.25 + 1.5 * random.nextDouble()));
        reasoning = Math.max(0, Math.min(reasoning, budget - visible));
        return new SimulatedCall(id, model, answer, "stop", prompt, reasoning, visible);
    }

    ObjectNode body(ObjectMapper mapper) {
        ObjectNode body = header(mapper, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer).putNull("refusal");
        choice.put("finish_reason", finishReason);
        body.set("usage", usage(mapper));
        return body;
    }

    /** The {@code data:} payloads of a stream, {@code [DONE]} last; the usage chunk only when asked for. */
    List<String> chunks(ObjectMapper mapper, boolean includeUsage) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(mapper, delta(mapper).put("role", "assistant").put("content", ""), null, includeUsage));
        for (String word : answer.isEmpty() ? new String[0] : answer.split("(?<= )")) {
            chunks.add(chunk(mapper, delta(mapper).put("content", word), null, includeUsage));
        }
        chunks.add(chunk(mapper, delta(mapper), finishReason, includeUsage));
        if (includeUsage) {
            ObjectNode last = header(mapper, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(mapper));
            chunks.add(last.toString());
        }
        chunks.add("[DONE]");
        return chunks;
    }

    private String chunk(ObjectMapper mapper, ObjectNode delta, String finish, boolean includeUsage) {
        ObjectNode chunk = header(mapper, "chat.completion.chunk");
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private ObjectNode delta(ObjectMapper mapper) {
        return mapper.createObjectNode();
    }

    private ObjectNode header(ObjectMapper mapper, String object) {
        return mapper.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private ObjectNode usage(ObjectMapper mapper) {
        long completion = reasoningTokens + visibleTokens;
        ObjectNode usage = mapper.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completion)
                .put("total_tokens", promptTokens + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }
}
