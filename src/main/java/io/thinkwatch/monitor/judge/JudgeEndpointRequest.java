package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;

/**
 * {@code PUT /api/v1/monitor/judge}: the tenant's model judge. {@code apiKey} absent keeps the stored one, an empty
 * string removes it (a local server without a key).
 */
public record JudgeEndpointRequest(
        String baseUrl,
        String model,
        String apiKey,
        BigDecimal inputUsdPerMtok,
        BigDecimal outputUsdPerMtok,
        Long dailyTokenBudget,
        BigDecimal dailyUsdBudget,
        Double samplingRate) {}
