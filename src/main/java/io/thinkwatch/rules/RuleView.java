package io.thinkwatch.rules;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A stored rule as the API shows it: the definition, its id and version, and the engine's error count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(
        long id,
        String name,
        String description,
        String kind,
        JsonNode params,
        RuleDefinition.Scope scope,
        String severity,
        List<String> groupBy,
        String dedupWindow,
        List<String> channels,
        boolean enabled,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        Errors errors) {

    /** Evaluation errors the engine counted for this rule, and the latest one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Errors(long count, String last, Instant lastAt) {}

    static RuleView of(Rule rule, RuleDefinition d) {
        return new RuleView(
                rule.id,
                d.name(),
                d.description(),
                d.kind(),
                d.params(),
                d.scope(),
                d.severity(),
                d.groupBy(),
                d.dedupWindow(),
                d.channels(),
                d.enabled(),
                rule.version,
                rule.createdAt,
                rule.updatedAt,
                rule.updatedBy,
                new Errors(rule.errorCount, rule.lastError, rule.lastErrorAt));
    }
}
