package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.util.Optional;

/** What a tenant's judge spent on one UTC day. */
public record Spend(long calls, long tokens, BigDecimal costUsd) {

    public static final Spend NONE = new Spend(0, 0, BigDecimal.ZERO);

    /** What the day's budget ran out of ({@code tokens} or {@code money}), or empty while calls may go on. */
    public Optional<String> exhausted(JudgeSettings settings) {
        if (settings.dailyTokenBudget() != null && tokens >= settings.dailyTokenBudget()) {
            return Optional.of("tokens");
        }
        if (settings.dailyUsdBudget() != null && costUsd.compareTo(settings.dailyUsdBudget()) >= 0) {
            return Optional.of("money");
        }
        return Optional.empty();
    }
}
