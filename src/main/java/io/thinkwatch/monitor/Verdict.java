package io.thinkwatch.monitor;

import java.util.List;

import io.thinkwatch.model.Evidence;

/**
 * What a judge concluded about one call's visible reasoning.
 *
 * @param category the category with the highest score, null when no cue matched
 * @param score from 0 (nothing found) to 1
 * @param evidence the spans behind the score of {@code category}, in reading order
 */
public record Verdict(String category, double score, List<Evidence> evidence) {

    public static final Verdict CLEAN = new Verdict(null, 0.0, List.of());

    public boolean flagged(double minScore) {
        return category != null && score >= minScore;
    }
}
