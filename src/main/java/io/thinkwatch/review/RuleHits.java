package io.thinkwatch.review;

/**
 * How often one rule fired and how its findings were judged: its findings in the review queue, the calls they
 * matched, and how many reviewers confirmed or marked false positive.
 */
public record RuleHits(long findings, long matches, long confirmed, long falsePositives) {

    public static final RuleHits NONE = new RuleHits(0, 0, 0, 0);

    /** Findings a reviewer judged: confirmed or false positive. */
    public long reviewed() {
        return confirmed + falsePositives;
    }

    /** confirmed / (confirmed + false positive), or null before any finding was judged. */
    public Double precision() {
        return reviewed() == 0 ? null : (double) confirmed / reviewed();
    }
}
