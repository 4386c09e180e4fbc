package io.thinkwatch.model;

/** What a rule looks for; each kind has its own evaluator in {@code io.thinkwatch.rules.evaluators}. */
public enum RuleKind implements WireName {
    REASONING_TOKENS_ABOVE(Family.PER_CALL),
    REASONING_SHARE_ABOVE(Family.PER_CALL),
    BUDGET_EXHAUSTED(Family.PER_CALL),
    EMPTY_ANSWER_AFTER_REASONING(Family.PER_CALL),
    COST_ABOVE(Family.PER_CALL),
    LATENCY_ABOVE(Family.PER_CALL),
    USAGE_MISSING(Family.PER_CALL),
    CONTENT_MATCH(Family.PER_CALL),
    SPEND_WINDOW(Family.WINDOW),
    RATE_WINDOW(Family.WINDOW),
    BASELINE_DEVIATION(Family.BASELINE),
    REASONING_MONITOR(Family.MONITOR);

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /**
     * Per-call kinds judge one trace alone; window and baseline kinds keep state per group; monitor kinds judge one
     * trace's visible reasoning in the {@code monitor} role, off the rule engine, with a finding per call.
     */
    public enum Family implements WireName {
        PER_CALL,
        WINDOW,
        BASELINE,
        MONITOR;

        @Override
        public String wire() {
            return WireName.super.wire();
        }
    }

    private final Family family;

    RuleKind(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    public boolean stateful() {
        return family == Family.WINDOW || family == Family.BASELINE;
    }

    /** The kind with this wire name, or null. */
    public static RuleKind fromWire(String value) {
        return WireName.find(RuleKind.class, value);
    }
}
