package io.thinkwatch.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.MonitorVerdict;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.monitor.judge.ModelJudge;
import io.thinkwatch.rules.CompiledRule;
import io.thinkwatch.rules.EvaluationErrors;
import io.thinkwatch.rules.FindingMerge;
import io.thinkwatch.rules.RuleSet;
import io.thinkwatch.rules.evaluators.GroupState;
import io.thinkwatch.rules.evaluators.Match;
import io.thinkwatch.rules.evaluators.ReasoningMonitor;

/**
 * Judges one call for the tenant's {@code reasoning_monitor} rules in scope: a finding per rule whose verdict
 * flags it, with an id from rule, group (which ends with the trace) and window, so judging the same trace again
 * (a replay, a restart before the commit) yields the same findings. Pure: the role feeds it and sends its findings.
 */
public final class Monitor {

    /** What became of one call. */
    public enum Outcome {
        /** No monitor rule of its tenant has it in scope. */
        OUT_OF_SCOPE,
        /** In scope, but no visible reasoning: nothing to judge (never counted as clean). */
        NO_REASONING,
        /** Judged by every monitor rule in scope. */
        JUDGED
    }

    /**
     * The call's outcome, the built-in judge's findings, and the rules whose verdict the model judge owes
     * ({@link #finding} turns its verdict into their finding).
     */
    public record Judgement(Outcome outcome, List<Finding> findings, List<ForModel> forModel) {
        public Judgement(Outcome outcome, List<Finding> findings) {
            this(outcome, findings, List.of());
        }
    }

    /** A rule of {@code judge: model} in scope of a call with visible reasoning. */
    public record ForModel(CompiledRule rule, ReasoningMonitor monitor, TraceEvent trace, Instant at) {}

    private Monitor() {}

    /** Judges {@code trace}; a rule that fails on it is reported to {@code errors} and the others still judge. */
    public static Judgement judge(RuleSet rules, TraceEvent trace, Instant at, EvaluationErrors errors) {
        if (ModelJudge.APP.equals(trace.app())) {
            // The judge's own calls are recorded and priced, never judged
            return new Judgement(Outcome.OUT_OF_SCOPE, List.of());
        }
        List<CompiledRule> inScope = rules.forTenant(trace.tenant()).stream()
                .filter(rule -> rule.kind().family() == RuleKind.Family.MONITOR && rule.applies(trace))
                .toList();
        if (inScope.isEmpty()) {
            return new Judgement(Outcome.OUT_OF_SCOPE, List.of());
        }
        if (trace.reasoningText() == null || trace.reasoningText().isBlank()) {
            return new Judgement(Outcome.NO_REASONING, List.of());
        }
        List<Finding> findings = new ArrayList<>();
        List<ForModel> forModel = new ArrayList<>();
        for (CompiledRule rule : inScope) {
            if (rule.evaluator() instanceof ReasoningMonitor monitor && monitor.byModel()) {
                forModel.add(new ForModel(rule, monitor, trace, at));
                continue;
            }
            try {
                Optional<Match> match = rule.evaluator().evaluate(trace, at, GroupState.NONE);
                match.ifPresent(m -> findings.add(FindingMerge.merge(null, rule, rule.groupKey(trace), trace, at, m)));
            } catch (RuntimeException e) {
                errors.record(rule.id(), e);
            }
        }
        return new Judgement(Outcome.JUDGED, List.copyOf(findings), List.copyOf(forModel));
    }

    /** The finding for the model judge's verdict on {@code call}, or empty when the verdict does not flag it. */
    public static Optional<Finding> finding(ForModel call, MonitorVerdict verdict) {
        return call.monitor()
                .match(verdict)
                .map(m -> FindingMerge.merge(
                        null, call.rule(), call.rule().groupKey(call.trace()), call.trace(), call.at(), m));
    }
}
