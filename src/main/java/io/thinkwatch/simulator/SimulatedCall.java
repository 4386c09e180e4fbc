package io.thinkwatch.simulator;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one simulated call answers, whatever the API it is rendered in: the visible answer, the reasoning
 * shown, the finish and the token counts.
 *
 * @param truncated the output budget ran out while reasoning: empty answer, every output token reasoning
 * @param tool the tool the model calls instead of answering (empty answer), or null
 */
record SimulatedCall(
        String id,
        String model,
        String answer,
        String reasoningText,
        boolean truncated,
        long promptTokens,
        long reasoningTokens,
        long visibleTokens,
        Tool tool) {

    /** A tool call: the tool's name, the call's id, and its arguments as a JSON text. */
    record Tool(String id, String name, String arguments) {

        /** The arguments as a JSON object, for the APIs that send them as one. */
        JsonNode json(ObjectMapper mapper) {
            try {
                return mapper.readTree(arguments);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What every simulated tool call passes (with a non-ASCII letter, so its size in bytes is not its length). */
    static final String TOOL_ARGUMENTS = "{\"city\":\"Zürich\",\"days\":3}";

    private static final String[] ANSWERS = {
        "The shortest route visits the depots in the order B, D, A, C and takes 41 minutes.",
        "Yes: the invariant holds after every iteration, so the loop terminates with a sorted array.",
        "The contract allows termination with 30 days notice, but only after the first renewal.",
        "Refactor the cache into a read-through layer; the race disappears once writes go through it.",
        "Revenue grew 12 percent quarter over quarter, driven mostly by the enterprise tier.",
        "The proof fails at step four: the lemma assumes the graph is connected, which is not given.",
    };

    private static final String REASONING = "Weighing the options against the constraints before answering.";

    /**
     * @param budget the request's output budget, or null for the configured default
     * @param promptChars length of the prompt, from which its token count is estimated
     * @param thinks whether the model reasons at all on this call
     */
    static SimulatedCall of(
            String idPrefix,
            String model,
            Long budget,
            long promptChars,
            boolean thinks,
            Scenario scenario,
            Long reasoningOverride,
            String toolName,
            SimulatorConfig config,
            Random random) {
        long limit = budget != null ? budget : config.defaultMaxTokens();
        long prompt = Math.max(1, promptChars / 4);
        String id = idPrefix + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        if (scenario == Scenario.TRUNCATED) {
            return new SimulatedCall(id, model, "", thinks ? REASONING : null, true, prompt, limit, 0, null);
        }
        String answer = ANSWERS[random.nextInt(ANSWERS.length)];
        long visible = Math.max(1, answer.split(" ").length * 4L / 3);
        long reasoning = !thinks
                ? 0
                : reasoningOverride != null
                        ? reasoningOverride
                        : Math.round(config.reasoningTokens() * (0.25 + 1.5 * random.nextDouble()));
        if (scenario == Scenario.TOOL_CALLS && toolName != null) {
            Tool tool = new Tool(
                    "call_sim_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE), toolName, TOOL_ARGUMENTS);
            reasoning = Math.max(0, Math.min(reasoning, limit - 12));
            return new SimulatedCall(id, model, "", thinks ? REASONING : null, false, prompt, reasoning, 12, tool);
        }
        reasoning = Math.max(0, Math.min(reasoning, limit - visible));
        return new SimulatedCall(id, model, answer, thinks ? REASONING : null, false, prompt, reasoning, visible, null);
    }

    /**
     * The name of the first tool a request offers, in any API's shape (Chat's {@code tools[].function.name}, the
     * {@code tools[].name} of Responses and Messages, Gemini's {@code tools[].functionDeclarations[].name}, Bedrock's
     * {@code toolConfig.tools[].toolSpec.name}); null when it offers none.
     */
    static String firstToolName(JsonNode request) {
        JsonNode tool = request.path("tools").path(0);
        for (JsonNode name : List.of(
                tool.path("function").path("name"),
                tool.path("name"),
                tool.path("functionDeclarations").path(0).path("name"),
                request.path("toolConfig")
                        .path("tools")
                        .path(0)
                        .path("toolSpec")
                        .path("name"))) {
            if (name.isTextual()) {
                return name.textValue();
            }
        }
        return null;
    }

    long outputTokens() {
        return reasoningTokens + visibleTokens;
    }

    /** The answer cut into the pieces a stream delivers, one word (with its trailing space) each. */
    String[] words() {
        return answer.isEmpty() ? new String[0] : answer.split("(?<= )");
    }
}
