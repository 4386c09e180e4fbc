package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.UsageSource;

/**
 * {@code usage_missing}: the provider reported no token counts, so the call's spend is unknown. Failed and
 * aborted calls often have none for a good reason; they count only with {@code includeFailed: true}.
 */
public record UsageMissing(boolean includeFailed) implements Evaluator {

    public static UsageMissing from(RuleParams params) {
        return new UsageMissing(params.flag("includeFailed", false));
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        boolean missing = trace.usage() == null || trace.usage().source() == UsageSource.MISSING;
        boolean failed = trace.status() == TraceStatus.ERROR || trace.status() == TraceStatus.ABORTED;
        if (!missing || (failed && !includeFailed)) {
            return Optional.empty();
        }
        return Optional.of(new Match(null, null, "the provider reported no token usage"));
    }
}
