package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/** {@code latency_above}: one call took longer than {@code thresholdMs} from request to last byte. */
public record LatencyAbove(long thresholdMs) implements Evaluator {

    public static LatencyAbove from(RuleParams params) {
        return new LatencyAbove(params.whole("thresholdMs", null, 1));
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        Long latency = trace.latencyMs();
        if (latency == null || latency <= thresholdMs) {
            return Optional.empty();
        }
        return Optional.of(new Match(
                (double) latency, (double) thresholdMs, "latency " + latency + " ms above " + thresholdMs + " ms"));
    }
}
