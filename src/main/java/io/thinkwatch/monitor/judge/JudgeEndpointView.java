package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The tenant's model judge as the API shows it: the key only as a hint, and today's spend against the budget.
 *
 * @param apiKeyHint the key's last four characters, or null without a key
 * @param today what the judge spent this UTC day and whether it stopped for the budget
 */
public record JudgeEndpointView(
        String baseUrl,
        String model,
        String apiKeyHint,
        BigDecimal inputUsdPerMtok,
        BigDecimal outputUsdPerMtok,
        Long dailyTokenBudget,
        BigDecimal dailyUsdBudget,
        double samplingRate,
        String updatedBy,
        Instant updatedAt,
        Today today) {

    /**
     * What the judge spent this UTC day.
     *
     * @param budgetExhausted true once the day's token or money budget is spent: the judge stops until midnight UTC
     * @param exhaustedBy {@code tokens} or {@code money} when exhausted, else null
     */
    public record Today(long calls, long tokens, BigDecimal costUsd, boolean budgetExhausted, String exhaustedBy) {}
}
