package io.thinkwatch.review;

/** How often one rule fired: its findings in the review queue and the calls they matched. */
public record RuleHits(long findings, long matches) {

    public static final RuleHits NONE = new RuleHits(0, 0);
}
