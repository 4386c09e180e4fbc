package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tenant's model judge, opened for calling.
 *
 * @param baseUrl the OpenAI-compatible base, e.g. {@code https://api.openai.com/v1} or {@code http://vllm:8000/v1};
 *        the judge posts to {@code baseUrl + "/chat/completions"}
 * @param apiKey sent as a bearer token; null for a local server without one
 * @param dailyTokenBudget tokens (prompt and completion) per UTC day; null for no limit
 * @param dailyUsdBudget money per UTC day at the prices below; null for no limit
 * @param samplingRate share of calls in scope the model judges (0-1), the same calls on every replay
 */
public record JudgeSettings(
        String tenant,
        String baseUrl,
        String model,
        String apiKey,
        BigDecimal inputUsdPerMtok,
        BigDecimal outputUsdPerMtok,
        Long dailyTokenBudget,
        BigDecimal dailyUsdBudget,
        double samplingRate) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** What a call with these token counts costs at this judge's prices. */
    public BigDecimal cost(long promptTokens, long completionTokens) {
        return inputUsdPerMtok
                .multiply(BigDecimal.valueOf(promptTokens))
                .add(outputUsdPerMtok.multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, 8, RoundingMode.HALF_UP);
    }
}
