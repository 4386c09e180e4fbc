package io.thinkwatch.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.thinkwatch.errors.Invalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes rule definitions: single rules from API bodies, and rule files ({@code rules: [...]}, YAML or
 * JSON) for import and export. Reading is strict: an unknown field is a 400 naming it, not silently dropped.
 */
public final class RuleFiles {

    /** The formats of rule files. */
    public enum Format {
        YAML,
        JSON
    }

    private static final YAMLMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private final ObjectMapper json;
    private final ObjectReader strict;

    public RuleFiles(ObjectMapper json) {
        this.json = json;
        this.strict = json.readerFor(RuleDefinition.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One rule from an API body. */
    public RuleDefinition definition(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Invalid("body: must be a JSON object describing a rule", List.of("body: must be an object"));
        }
        return read(body, "");
    }

    /** The rules of a file: {@code {"rules": [...]}} or a bare list, in YAML or JSON. */
    public List<RuleDefinition> parse(String text, Format format) {
        JsonNode document;
        try {
            document = format == Format.YAML ? YAML.readTree(text) : json.readTree(text);
        } catch (JsonProcessingException e) {
            String reason = "not valid " + format.name() + ": " + e.getOriginalMessage();
            throw new Invalid(reason, List.of("body: " + reason));
        }
        JsonNode list = document != null && document.isObject() ? document.get("rules") : document;
        if (list == null || !list.isArray()) {
            throw new Invalid("a rule file holds a list 'rules'", List.of("rules: must be a list"));
        }
        List<RuleDefinition> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(read(list.get(i), "rules[" + i + "]."));
        }
        return rules;
    }

    public String write(List<RuleDefinition> rules, Format format) {
        try {
            Map<String, Object> document = Map.of("rules", rules);
            return format == Format.YAML
                    ? YAML.writeValueAsString(document)
                    : json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule definitions are always writable", e);
        }
    }

    private RuleDefinition read(JsonNode node, String prefix) {
        try {
            return strict.readValue(node);
        } catch (JsonMappingException e) {
            String field = prefix + path(e);
            String reason = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                    ? "unknown field"
                    : "has the wrong type";
            throw new Invalid("invalid rule: " + field + ": " + reason, List.of(field + ": " + reason));
        } catch (IOException e) {
            throw new Invalid("invalid rule: " + e.getMessage(), List.of(prefix + "rule: unreadable"));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "rule" : path.toString();
    }
}
