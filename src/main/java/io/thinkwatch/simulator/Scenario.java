package io.thinkwatch.simulator;

import java.util.Locale;
import java.util.Random;

/** What one simulated call does. Chosen at random by the configured rates, or by {@code X-Simulator-Scenario}. */
enum Scenario {
    OK,
    TRUNCATED,
    ERROR,
    RATE_LIMITED,
    /** The model calls the request's first tool instead of answering ({@code X-Simulator-Scenario: tool-calls}). */
    TOOL_CALLS;

    static Scenario pick(String header, SimulatorConfig config, Random random) {
        if (header != null) {
            try {
                return valueOf(header.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return OK;
            }
        }
        double roll = random.nextDouble();
        if (roll < config.errorRate()) {
            return ERROR;
        }
        return roll < config.errorRate() + config.truncationRate() ? TRUNCATED : OK;
    }
}
