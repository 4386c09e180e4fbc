package io.thinkwatch.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.Derived;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceIds;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

/** Builds TraceEvents for tests: a healthy call by default, changed one field at a time. */
public final class TraceBuilder {

    private String traceId = TraceIds.next();
    private String tenant = "t1";
    private String app = "checkout";
    private String model = "o3";
    private String env = "prod";
    private String userId = "u1";
    private String answer = "Here is the answer.";
    private String reasoningText;
    private RequestInfo request;
    private FinishReason finishReason = FinishReason.STOP;
    private TraceStatus status = TraceStatus.OK;
    private Usage usage = new Usage(100L, 0L, 1_500L, 1_000L, 500L, UsageSource.PROVIDER);
    private Long maxOutputTokens = 8_000L;
    private BigDecimal costUsd;
    private Instant at = Instant.parse("2025-03-04T10:15:00Z");
    private Long latencyMs = 2_000L;
    private List<ToolCall> toolCalls = List.of();

    public static TraceBuilder call() {
        return new TraceBuilder();
    }

    public TraceBuilder id(String value) {
        traceId = value;
        return this;
    }

    public TraceBuilder tenant(String value) {
        tenant = value;
        return this;
    }

    public TraceBuilder app(String value) {
        app = value;
        return this;
    }

    public TraceBuilder model(String value) {
        model = value;
        return this;
    }

    public TraceBuilder user(String value) {
        userId = value;
        return this;
    }

    public TraceBuilder at(Instant value) {
        at = value;
        return this;
    }

    public TraceBuilder at(String value) {
        return at(Instant.parse(value));
    }

    /** Reasoning and visible output tokens; output is their sum. */
    public TraceBuilder tokens(long reasoning, long visible) {
        usage = new Usage(100L, 0L, reasoning + visible, reasoning, visible, UsageSource.PROVIDER);
        return this;
    }

    public TraceBuilder reasoning(long reasoning) {
        return tokens(reasoning, 500);
    }

    public TraceBuilder noUsage() {
        usage = Usage.missing();
        return this;
    }

    public TraceBuilder budget(Long value) {
        maxOutputTokens = value;
        return this;
    }

    /** The whole budget went to reasoning: finish reason length, empty answer. */
    public TraceBuilder exhausted() {
        long budget = maxOutputTokens == null ? 4_000 : maxOutputTokens;
        usage = new Usage(100L, 0L, budget, budget, 0L, UsageSource.PROVIDER);
        finishReason = FinishReason.LENGTH;
        status = TraceStatus.INCOMPLETE;
        answer = "";
        return this;
    }

    /** Cut off by the budget after some visible text. */
    public TraceBuilder cutOff() {
        finishReason = FinishReason.LENGTH;
        status = TraceStatus.INCOMPLETE;
        return this;
    }

    /** Ended by calling these tools (finish {@code tool_calls}), with no visible text. */
    public TraceBuilder calledTools(ToolCall... calls) {
        toolCalls = List.of(calls);
        finishReason = FinishReason.TOOL_CALLS;
        answer = "";
        return this;
    }

    public TraceBuilder answer(String value) {
        answer = value;
        return this;
    }

    public TraceBuilder reasoningText(String value) {
        reasoningText = value;
        return this;
    }

    public TraceBuilder request(RequestInfo value) {
        request = value;
        return this;
    }

    public TraceBuilder failed() {
        status = TraceStatus.ERROR;
        finishReason = FinishReason.ERROR;
        usage = Usage.missing();
        answer = null;
        return this;
    }

    public TraceBuilder cost(String usd) {
        costUsd = new BigDecimal(usd);
        return this;
    }

    public TraceBuilder latency(long ms) {
        latencyMs = ms;
        return this;
    }

    public TraceEvent build() {
        Long output = usage.outputTokens();
        Long reasoning = usage.reasoningTokens();
        Double share = output == null || reasoning == null || output == 0 ? null : (double) reasoning / output;
        Double budgetUsed = output == null || maxOutputTokens == null ? null : (double) output / maxOutputTokens;
        Boolean empty = Derived.of(status, finishReason, answer, toolCalls.size(), usage, maxOutputTokens)
                .emptyAnswer();
        return new TraceEvent(
                traceId,
                tenant,
                app,
                env,
                userId,
                "s1",
                null,
                Provider.OPENAI,
                Api.CHAT_COMPLETIONS,
                model,
                model,
                request,
                answer,
                reasoningText,
                finishReason,
                finishReason.wire(),
                status,
                status == TraceStatus.ERROR ? 500 : 200,
                status == TraceStatus.ERROR ? "upstream failed" : null,
                usage,
                maxOutputTokens,
                share,
                budgetUsed,
                finishReason == FinishReason.LENGTH,
                empty,
                costUsd,
                null,
                latencyMs == null ? at : at.minusMillis(latencyMs),
                null,
                at,
                latencyMs,
                null,
                "test",
                0,
                null,
                null,
                null,
                null,
                toolCalls.isEmpty() ? null : toolCalls,
                toolCalls.isEmpty() ? null : toolCalls.size());
    }
}
