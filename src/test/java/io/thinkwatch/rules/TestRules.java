package io.thinkwatch.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Rules and JSON for tests, configured like the application's. */
public final class TestRules {

    /** Like Quarkus' ObjectMapper: java.time as ISO-8601, unknown properties ignored. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TestRules() {}

    /** A compiled rule of tenant t1 from its JSON definition. */
    public static CompiledRule rule(String id, String json) {
        return rule(id, "t1", json);
    }

    public static CompiledRule rule(String id, String tenant, String json) {
        try {
            return RuleCompiler.compile(id, 1, tenant, MAPPER.readValue(json, RuleDefinition.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
