package io.thinkwatch.rules.evaluators;

import java.time.Duration;

/** Writes durations the way people write them in rule files: {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}. */
public final class Durations {

    private Durations() {}

    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
