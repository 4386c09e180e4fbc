package io.thinkwatch.rules.evaluators;

import io.thinkwatch.model.MonitorVerdict;

/**
 * A call matched a rule.
 *
 * @param observed what the rule measured (tokens, share, USD, ms, window sum or rate); null for yes/no kinds
 * @param threshold what it was compared with; null for yes/no kinds
 * @param message one line for a reviewer; never contains prompt or answer text
 * @param verdict a reasoning monitor's verdict with its evidence; null for other kinds
 */
public record Match(Double observed, Double threshold, String message, MonitorVerdict verdict) {

    public Match(Double observed, Double threshold, String message) {
        this(observed, threshold, message, null);
    }
}
