package io.thinkwatch.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.configuration.DurationConverter;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.rules.evaluators.Durations;
import io.thinkwatch.rules.evaluators.Evaluator;
import io.thinkwatch.rules.evaluators.Evaluators;
import io.thinkwatch.rules.evaluators.RuleInvalid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Validates rule definitions, fills in defaults and builds {@link CompiledRule}s. Every problem is reported
 * with its field ({@code name: is required}, {@code params.threshold: ...}) in one {@link RuleInvalid}.
 */
public final class RuleCompiler {

    static final Duration MIN_DEDUP = Duration.ofMinutes(1);
    static final Duration MAX_DEDUP = Duration.ofDays(7);
    static final int MAX_TEXT = 200;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_CHANNELS = 20;

    private RuleCompiler() {}

    /** The definition with every default written out, as it is stored and exported. */
    public static RuleDefinition normalize(RuleDefinition definition) {
        CompiledRule rule = compile("draft", 0, CompiledRule.DEFAULT_TENANT, definition);
        return new RuleDefinition(
                definition.name().strip(),
                definition.description(),
                rule.kind().wire(),
                definition.params() == null ? JsonNodeFactory.instance.objectNode() : definition.params(),
                rule.scope(),
                rule.severity().wire(),
                rule.groupBy().stream().map(GroupField::wire).toList(),
                Durations.format(rule.dedupWindow()),
                rule.channels(),
                definition.enabled() == null || definition.enabled());
    }

    public static CompiledRule compile(String id, long version, String tenant, RuleDefinition definition) {
        List<String> errors = new ArrayList<>();
        text(errors, "name", definition.name(), true, MAX_TEXT);
        text(errors, "description", definition.description(), false, MAX_DESCRIPTION);
        RuleKind kind = RuleKind.fromWire(definition.kind());
        if (kind == null) {
            errors.add(
                    definition.kind() == null
                            ? "kind: is required"
                            : "kind: unknown kind '" + definition.kind() + "'; one of " + kinds());
        }
        Severity severity = severity(errors, definition.severity());
        RuleDefinition.Scope scope = definition.scope() == null ? RuleDefinition.Scope.ALL : definition.scope();
        text(errors, "scope.app", scope.app(), false, MAX_TEXT);
        text(errors, "scope.model", scope.model(), false, MAX_TEXT);
        text(errors, "scope.env", scope.env(), false, MAX_TEXT);
        List<GroupField> groupBy = groupBy(errors, definition.groupBy(), kind);
        Duration dedup = dedupWindow(errors, definition.dedupWindow());
        List<String> channels = channels(errors, definition.channels());
        Evaluator evaluator = null;
        if (kind != null) {
            try {
                evaluator = Evaluators.compile(kind, definition.params());
            } catch (RuleInvalid e) {
                errors.addAll(e.details());
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleInvalid(errors);
        }
        return new CompiledRule(
                id,
                version,
                tenant,
                definition.name().strip(),
                kind,
                severity,
                scope,
                groupBy,
                dedup,
                channels,
                evaluator);
    }

    private static void text(List<String> errors, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field + ": is required");
            } else if (value != null) {
                errors.add(field + ": must not be blank; leave it out instead");
            }
        } else if (value.length() > max) {
            errors.add(field + ": must be at most " + max + " characters");
        } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            errors.add(field + ": must not contain control characters");
        }
    }

    private static Severity severity(List<String> errors, String value) {
        if (value == null) {
            return Severity.WARNING;
        }
        for (Severity severity : Severity.values()) {
            if (severity.wire().equals(value)) {
                return severity;
            }
        }
        errors.add("severity: must be one of info, warning, critical");
        return Severity.WARNING;
    }

    private static List<GroupField> groupBy(List<String> errors, List<String> values, RuleKind kind) {
        if (values == null) {
            return kind == RuleKind.SPEND_WINDOW ? List.of(GroupField.APP) : List.of(GroupField.APP, GroupField.MODEL);
        }
        List<GroupField> fields = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            GroupField field = GroupField.fromWire(values.get(i));
            if (field == null) {
                errors.add("groupBy[" + i + "]: unknown field '" + values.get(i) + "'; one of app, model, env, userId, "
                        + "sessionId, provider");
            } else if (fields.contains(field)) {
                errors.add("groupBy[" + i + "]: '" + values.get(i) + "' is listed twice");
            } else {
                fields.add(field);
            }
        }
        return List.copyOf(fields);
    }

    private static Duration dedupWindow(List<String> errors, String value) {
        if (value == null) {
            return Duration.ofHours(1);
        }
        Duration parsed;
        try {
            parsed = DurationConverter.parseDuration(value);
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null || parsed.compareTo(MIN_DEDUP) < 0 || parsed.compareTo(MAX_DEDUP) > 0) {
            errors.add("dedupWindow: must be a duration such as 15m or 1h, from 1m to 7d");
            return Duration.ofHours(1);
        }
        return parsed;
    }

    private static List<String> channels(List<String> errors, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_CHANNELS) {
            errors.add("channels: at most " + MAX_CHANNELS + " channels");
        }
        for (int i = 0; i < values.size(); i++) {
            text(errors, "channels[" + i + "]", values.get(i), true, MAX_TEXT);
        }
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::strip)
                .distinct()
                .toList();
    }

    private static String kinds() {
        return String.join(
                ", ",
                java.util.Arrays.stream(RuleKind.values()).map(RuleKind::wire).toList());
    }
}
