package io.thinkwatch.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a rule found, as published to {@code thinkwatch.findings} (key: {@code findingId}). One finding per
 * rule, group and de-duplication window: later matches in the same window publish the same finding again with
 * a higher {@code count}, so a consumer keeps the version with the highest count. Field names are public API
 * (docs/api.md); no prompt or answer text is ever part of it.
 *
 * @param findingId deterministic from rule id, group key and window start ({@link FindingIds})
 * @param ruleId the rule's id ({@code "draft"} in a backtest of an unsaved rule)
 * @param groupKey the values of the rule's grouping fields, e.g. {@code app=checkout|model=o3}
 * @param windowStart start of the de-duplication window (aligned to multiples of its length since the epoch)
 * @param count how many calls matched in this window
 * @param traceIds the first {@value #MAX_TRACE_IDS} matching traces
 * @param app the app of the matching calls, null when they differ
 * @param model the model of the matching calls, null when they differ
 * @param observedValue the largest value the rule measured (tokens, share, USD, ms, window sum or rate)
 * @param threshold the limit that value was compared with (for baselines: the limit learned by then)
 * @param unit what {@code observedValue} and {@code threshold} count; null for yes/no kinds
 * @param reasoningTokens sum over the matching calls
 * @param maxOutputTokens output budget of the latest matching call
 * @param costUsd sum over the matching calls
 * @param message the words of the match that measured {@code observedValue} (of the latest for yes/no kinds)
 * @param channels the rule's channels to notify
 * @param verdict a reasoning monitor's verdict on its call (category, score, judge, evidence spans); null for
 *     other kinds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        String findingId,
        String tenant,
        String ruleId,
        String ruleName,
        RuleKind kind,
        Severity severity,
        String groupKey,
        Instant windowStart,
        Instant windowEnd,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long count,
        List<String> traceIds,
        String app,
        String model,
        Double observedValue,
        Double threshold,
        Unit unit,
        Long reasoningTokens,
        Long maxOutputTokens,
        BigDecimal costUsd,
        String message,
        List<String> channels,
        MonitorVerdict verdict) {

    /** A finding without a monitor's verdict: every kind but {@code reasoning_monitor}. */
    public Finding(
            String findingId,
            String tenant,
            String ruleId,
            String ruleName,
            RuleKind kind,
            Severity severity,
            String groupKey,
            Instant windowStart,
            Instant windowEnd,
            Instant firstSeenAt,
            Instant lastSeenAt,
            long count,
            List<String> traceIds,
            String app,
            String model,
            Double observedValue,
            Double threshold,
            Unit unit,
            Long reasoningTokens,
            Long maxOutputTokens,
            BigDecimal costUsd,
            String message,
            List<String> channels) {
        this(
                findingId,
                tenant,
                ruleId,
                ruleName,
                kind,
                severity,
                groupKey,
                windowStart,
                windowEnd,
                firstSeenAt,
                lastSeenAt,
                count,
                traceIds,
                app,
                model,
                observedValue,
                threshold,
                unit,
                reasoningTokens,
                maxOutputTokens,
                costUsd,
                message,
                channels,
                null);
    }

    /** Most trace ids a finding lists; {@code count} keeps counting beyond it. */
    public static final int MAX_TRACE_IDS = 20;

    /**
     * Whether it has what every consumer keys on: id, tenant, rule and severity. A record of the findings
     * topic without them is skipped, never retried, so it cannot stall a consumer.
     */
    @JsonIgnore
    public boolean isComplete() {
        return findingId != null && tenant != null && ruleId != null && severity != null;
    }
}
