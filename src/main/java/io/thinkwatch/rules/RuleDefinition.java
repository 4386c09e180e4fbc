package io.thinkwatch.rules;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rule as people write it: in the REST API, and in rule files for import and export (YAML or JSON). The
 * tenant is not part of it: a rule belongs to the tenant of whoever saves it.
 *
 * @param kind one of the kinds of docs/rules.md, e.g. {@code budget_exhausted}
 * @param params the kind's parameters
 * @param scope which calls the rule looks at; an unset field matches every value
 * @param severity {@code info}, {@code warning} (default) or {@code critical}
 * @param groupBy trace fields whose values form the group key ({@code app}, {@code model}, {@code env},
 *        {@code userId}, {@code sessionId}, {@code provider}); default per kind
 * @param dedupWindow one finding per group per window of this length, e.g. {@code 1h} (default)
 * @param channels channel ids or names to notify; stored for the alert dispatcher
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(
        String name,
        String description,
        String kind,
        JsonNode params,
        Scope scope,
        String severity,
        List<String> groupBy,
        String dedupWindow,
        List<String> channels,
        Boolean enabled) {

    /** Which calls a rule looks at. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String app, String model, String env) {

        public static final Scope ALL = new Scope(null, null, null);
    }
}
