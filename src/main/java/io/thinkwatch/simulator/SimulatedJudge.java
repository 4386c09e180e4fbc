package io.thinkwatch.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A model judge on {@code POST /judge/v1/chat/completions} (OpenAI Chat Completions), deterministic from markers in
 * the reasoning it is shown (between {@code <reasoning>} and {@code </reasoning>} in the prompt):
 * <ul>
 *   <li>{@code [judge:CATEGORY]}: that category, score 0.9, the marker's line quoted as evidence; none otherwise
 *   <li>{@code [judge-fail:malformed]}: an answer that is not JSON
 *   <li>{@code [judge-fail:quote]}: a valid answer quoting words the reasoning does not contain
 *   <li>{@code [judge-fail:slow-once]}, {@code [judge-fail:5xx-once]}: the first request for that reasoning is
 *       answered after {@value #SLOW_MS} ms, or with a 503; the following ones normally
 * </ul>
 * {@link #outage(boolean)} answers every request with 503 (a judge that is down), and
 * {@code thinkwatch.simulator.judge-latency} is the time before each answer.
 */
final class SimulatedJudge {

    static final long SLOW_MS = 5_000;
    private static final Pattern VERDICT = Pattern.compile("\\[judge:([a-z_]+)]");
    private static final Pattern REASONING = Pattern.compile("<reasoning>\\n(.*)\\n</reasoning>", Pattern.DOTALL);

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final long latencyMs;
    private final Set<String> seenOnce = ConcurrentHashMap.newKeySet();
    private volatile boolean outage;

    SimulatedJudge(Vertx vertx, ObjectMapper mapper, long latencyMs) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.latencyMs = Math.max(1, latencyMs);
    }

    void outage(boolean down) {
        this.outage = down;
    }

    void answer(RoutingContext ctx) {
        JsonNode request;
        try {
            request = mapper.readTree(ctx.body().buffer().getBytes());
        } catch (java.io.IOException | RuntimeException e) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        String prompt = request.path("messages").path(1).path("content").asText("");
        Matcher found = REASONING.matcher(prompt);
        String reasoning = found.find() ? found.group(1) : "";
        long delay = latencyMs;
        int status = 200;
        if (outage) {
            status = 503;
        } else if (reasoning.contains("[judge-fail:slow-once]") && seenOnce.add("slow|" + reasoning)) {
            delay = SLOW_MS;
        } else if (reasoning.contains("[judge-fail:5xx-once]") && seenOnce.add("5xx|" + reasoning)) {
            status = 503;
        }
        int answerStatus = status;
        String content = answerStatus == 200 ? content(reasoning) : null;
        vertx.setTimer(delay, id -> {
            if (ctx.response().closed()) {
                return;
            }
            if (answerStatus != 200) {
                ctx.response()
                        .setStatusCode(answerStatus)
                        .putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"judge unavailable\",\"type\":\"server_error\"}}");
                return;
            }
            ObjectNode body = mapper.createObjectNode()
                    .put("id", "chatcmpl-judge")
                    .put("object", "chat.completion")
                    .put("model", request.path("model").asText("judge"));
            ObjectNode message = body.putArray("choices")
                    .addObject()
                    .put("index", 0)
                    .put("finish_reason", "stop")
                    .putObject("message");
            message.put("role", "assistant").put("content", content);
            body.putObject("usage")
                    .put("prompt_tokens", prompt.length() / 4 + 1)
                    .put("completion_tokens", content.length() / 4 + 1)
                    .put("total_tokens", prompt.length() / 4 + content.length() / 4 + 2);
            ctx.response().putHeader("content-type", "application/json").end(body.toString());
        });
    }

    private String content(String reasoning) {
        if (reasoning.contains("[judge-fail:malformed]")) {
            return "Sure! Here is my verdict: {category: reward_hacking";
        }
        Matcher verdict = VERDICT.matcher(reasoning);
        ObjectNode answer = mapper.createObjectNode();
        if (!verdict.find()) {
            answer.put("category", "none").put("score", 0.0);
            answer.putArray("evidence");
            answer.put("explanation", "No marker in the reasoning.");
            return answer.toString();
        }
        String quote =
                reasoning.contains("[judge-fail:quote]") ? "words the reasoning never says" : line(reasoning, verdict);
        answer.put("category", verdict.group(1)).put("score", 0.9);
        answer.putArray("evidence").add(quote);
        answer.put("explanation", "The reasoning carries the marker for " + verdict.group(1) + ".");
        return answer.toString();
    }

    /** The line of the reasoning the marker is on, as it is written there. */
    private static String line(String reasoning, Matcher marker) {
        int start = reasoning.lastIndexOf('\n', marker.start()) + 1;
        int end = reasoning.indexOf('\n', marker.end());
        return reasoning.substring(start, end < 0 ? reasoning.length() : end).strip();
    }
}
