package io.thinkwatch.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reasoning monitor's verdict on one call, as a finding carries it: no reasoning text, only where the evidence
 * lies in the trace's {@code reasoningText} (whose reading is role-gated and audited like any trace content).
 *
 * @param category a built-in category ({@code reward_hacking} ...) or a tenant's own
 * @param score from 0 to 1
 * @param judge {@code built_in} or {@code model}
 * @param evidence spans of the reasoning, in reading order
 * @param judgeModel the model judge's model; null for the built-in judge
 * @param promptVersion the version of the judge prompt ({@code v1}); null for the built-in judge
 * @param explanation the model judge's short explanation for a reviewer; null for the built-in judge
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorVerdict(
        String category,
        double score,
        String judge,
        List<Evidence> evidence,
        String judgeModel,
        String promptVersion,
        String explanation) {

    /** The judge that needs no model. */
    public static final String BUILT_IN = "built_in";
    /** A tenant's model judge. */
    public static final String MODEL = "model";

    /** A built-in verdict. */
    public MonitorVerdict(String category, double score, String judge, List<Evidence> evidence) {
        this(category, score, judge, evidence, null, null, null);
    }
}
