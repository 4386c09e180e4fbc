package io.thinkwatch.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.evaluators.Evaluator;

/**
 * A validated rule, ready to judge calls: who it belongs to, which calls it looks at, how it groups them and
 * its evaluator. The engine and backtests use the same object.
 *
 * @param id the stored rule's id, or {@code draft}
 * @param version changes with every edit
 */
public record CompiledRule(
        String id,
        long version,
        String tenant,
        String name,
        RuleKind kind,
        Severity severity,
        RuleDefinition.Scope scope,
        List<GroupField> groupBy,
        Duration dedupWindow,
        List<String> channels,
        Evaluator evaluator) {

    /** Traces without a tenant belong to this one, as in capture. */
    public static final String DEFAULT_TENANT = "default";

    /** True when the call is in this rule's tenant and scope. */
    public boolean applies(TraceEvent trace) {
        String traceTenant = trace.tenant() == null ? DEFAULT_TENANT : trace.tenant();
        return tenant.equals(traceTenant)
                && (scope.app() == null || scope.app().equals(trace.app()))
                && (scope.model() == null || scope.model().equals(trace.model()))
                && (scope.env() == null || scope.env().equals(trace.env()));
    }

    /**
     * The call's group, e.g. {@code app=checkout|model=o3}; {@code all} when the rule does not group. A monitor's
     * verdict is about one call, so its group ends with the trace ({@code app=checkout|trace=...}): one finding
     * per call, reviewed on its own.
     */
    public String groupKey(TraceEvent trace) {
        String fields =
                groupBy.stream().map(f -> f.wire() + "=" + f.valueOf(trace)).collect(Collectors.joining("|"));
        if (kind.family() == RuleKind.Family.MONITOR) {
            return (fields.isEmpty() ? "" : fields + "|") + "trace=" + trace.traceId();
        }
        return fields.isEmpty() ? "all" : fields;
    }

    /** Start of the de-duplication window holding {@code at}, aligned to multiples of its length since the epoch. */
    public Instant windowStart(Instant at) {
        long size = dedupWindow.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    /** Same definition (so the same evaluator may be kept). */
    boolean sameAs(String otherId, long otherVersion) {
        return Objects.equals(id, otherId) && version == otherVersion;
    }
}
