package io.thinkwatch.monitor.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class SpendTest {

    private static JudgeSettings budget(Long tokens, String usd) {
        return new JudgeSettings(
                "t",
                "http://judge/v1",
                "m",
                null,
                new BigDecimal("2"),
                new BigDecimal("8"),
                tokens,
                usd == null ? null : new BigDecimal(usd),
                1.0);
    }

    @Test
    void theBudgetIsSpentWhenEitherLimitIsReached() {
        // Given a day that spent 1000 tokens and 0.01 USD
        Spend spend = new Spend(3, 1_000, new BigDecimal("0.01"));

        // Then tokens or money, whichever is reached, stops the judge; no limit never does
        assertThat(spend.exhausted(budget(1_000L, null))).contains("tokens");
        assertThat(spend.exhausted(budget(1_001L, null))).isEmpty();
        assertThat(spend.exhausted(budget(null, "0.01"))).contains("money");
        assertThat(spend.exhausted(budget(null, "0.02"))).isEmpty();
        assertThat(spend.exhausted(budget(null, null))).isEmpty();
    }

    @Test
    void aCallIsPricedPerMillionTokens() {
        // When a call of 1000 prompt and 500 completion tokens is priced at 2 and 8 USD per million
        // Then it costs 0.002 + 0.004
        assertThat(budget(null, null).cost(1_000, 500)).isEqualByComparingTo("0.006");
    }
}
