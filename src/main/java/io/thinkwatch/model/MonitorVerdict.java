package io.thinkwatch.model;

import java.util.List;

/**
 * A reasoning monitor's verdict on one call, as a finding carries it: no reasoning text, only where the evidence
 * lies in the trace's {@code reasoningText} (whose reading is role-gated and audited like any trace content).
 *
 * @param category a built-in category ({@code reward_hacking} ...) or a tenant's own
 * @param score from 0 to 1
 * @param judge {@code built_in}, or the model judge with its prompt version
 * @param evidence spans of the reasoning, in reading order
 */
public record MonitorVerdict(String category, double score, String judge, List<Evidence> evidence) {

    /** The judge that needs no model. */
    public static final String BUILT_IN = "built_in";
}
