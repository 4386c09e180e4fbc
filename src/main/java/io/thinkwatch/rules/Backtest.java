package io.thinkwatch.rules;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.Unavailable;
import io.thinkwatch.model.EventTime;
import io.thinkwatch.model.Finding;
import io.thinkwatch.search.TraceScan;

/**
 * What a rule would have flagged over stored traces: the tenant's traces of {@code from..to} are replayed in
 * completion order through the engine's evaluators, grouping and de-duplication ({@link Detector}), so window
 * and baseline kinds build their state as the engine would have.
 */
@ApplicationScoped
public class Backtest {

    /**
     * What a rule would have found over the scanned traces.
     *
     * @param complete false when the scan stopped at {@code thinkwatch.rules.backtest.max-traces}
     * @param matchedCalls calls that matched (a finding counts several)
     * @param errors calls on which the rule failed
     */
    public record Result(
            String ruleId,
            Instant from,
            Instant to,
            long tracesScanned,
            boolean complete,
            long matchedCalls,
            long errors,
            List<Finding> findings) {}

    private final TraceScan scan;
    private final RulesConfig config;

    public Backtest(TraceScan scan, RulesConfig config) {
        this.scan = scan;
        this.config = config;
    }

    public Result run(CompiledRule rule, Instant from, Instant to) {
        if (!from.isBefore(to)
                || Duration.between(from, to).compareTo(config.backtest().maxRange()) > 0) {
            String detail = "to: must be after from, at most "
                    + config.backtest().maxRange().toDays() + " days later";
            throw Invalid.of(detail);
        }
        Map<String, String> terms = new HashMap<>();
        putIfSet(terms, "app", rule.scope().app());
        putIfSet(terms, "model", rule.scope().model());
        putIfSet(terms, "env", rule.scope().env());
        Detector detector = new Detector();
        try {
            TraceScan.Result scanned = scan.scan(
                    rule.tenant(),
                    from,
                    to,
                    terms,
                    config.backtest().maxTraces(),
                    trace -> detector.accept(rule, trace, EventTime.of(trace, from)));
            return new Result(
                    rule.id(),
                    from,
                    to,
                    scanned.read(),
                    scanned.complete(),
                    detector.matches(),
                    detector.errors(),
                    detector.findings());
        } catch (IOException e) {
            throw new Unavailable("stored traces cannot be read now: " + e.getMessage());
        }
    }

    private static void putIfSet(Map<String, String> terms, String field, String value) {
        if (value != null) {
            terms.put(field, value);
        }
    }
}
