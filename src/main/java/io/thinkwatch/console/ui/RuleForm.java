package io.thinkwatch.console.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.lang3.StringUtils;

import io.thinkwatch.model.RuleKind;
import io.thinkwatch.rules.RuleDefinition;
import io.thinkwatch.rules.RuleView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rule form as typed: every field a string, so a refused form comes back exactly as it was sent. Params are
 * YAML (JSON is YAML too); lists are comma-separated. The rule compiler judges the rest (docs/rules.md).
 */
public record RuleForm(
        String name,
        String description,
        String kind,
        String params,
        String app,
        String model,
        String env,
        String severity,
        String groupBy,
        String dedupWindow,
        String channels,
        boolean enabled) {

    private static final YAMLMapper YAML = new YAMLMapper();

    public static RuleForm empty() {
        return new RuleForm(
                "",
                "",
                RuleKind.REASONING_TOKENS_ABOVE.wire(),
                "threshold: 20000",
                "",
                "",
                "",
                "warning",
                "",
                "1h",
                "",
                true);
    }

    public static RuleForm of(RuleView rule) {
        String params = rule.params() == null || rule.params().isEmpty() ? "" : yaml(rule.params());
        RuleDefinition.Scope scope = rule.scope() == null ? RuleDefinition.Scope.ALL : rule.scope();
        return new RuleForm(
                rule.name(),
                text(rule.description()),
                rule.kind(),
                params,
                text(scope.app()),
                text(scope.model()),
                text(scope.env()),
                rule.severity(),
                join(rule.groupBy()),
                text(rule.dedupWindow()),
                join(rule.channels()),
                rule.enabled());
    }

    /** The definition to hand to the rule store, or the reasons this form cannot be one. */
    public RuleDefinition definition(List<String> problems) {
        JsonNode parsedParams = JsonNodeFactory.instance.objectNode();
        if (params != null && !params.isBlank()) {
            try {
                parsedParams = YAML.readTree(params);
            } catch (JsonProcessingException e) {
                problems.add("params: not valid YAML or JSON: " + e.getOriginalMessage());
            }
        }
        return new RuleDefinition(
                StringUtils.stripToNull(name),
                StringUtils.stripToNull(description),
                StringUtils.stripToNull(kind),
                parsedParams,
                new RuleDefinition.Scope(
                        StringUtils.stripToNull(app), StringUtils.stripToNull(model), StringUtils.stripToNull(env)),
                StringUtils.stripToNull(severity),
                list(groupBy),
                StringUtils.stripToNull(dedupWindow),
                list(channels),
                enabled);
    }

    public List<String> kindChoices() {
        return Arrays.stream(RuleKind.values()).map(RuleKind::wire).toList();
    }

    public List<String> severityChoices() {
        return List.of("info", "warning", "critical");
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node).replaceFirst("^---\\s*\\n", "").strip();
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
