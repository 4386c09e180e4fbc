package io.thinkwatch.security.checkpoint;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.thinkwatch.security.AuditCheckpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A checkpoint as a record of {@code thinkwatch.audit-checkpoints}: key = tenant, value =
 * {@code {"tenant","seq","hash","at","keyId"}} with {@code at} in ISO-8601. Written field by field, so the format
 * does not follow the object mapper's settings.
 */
final class CheckpointCodec {

    private final ObjectMapper mapper;

    CheckpointCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(AuditCheckpoint c) {
        ObjectNode node = mapper.createObjectNode()
                .put("tenant", c.tenant())
                .put("seq", c.seq())
                .put("hash", c.hash())
                .put("at", c.at().toString())
                .put("keyId", c.keyId());
        return node.toString();
    }

    /** The checkpoint, or empty for a value that is not one (a tombstone or a foreign record). */
    Optional<AuditCheckpoint> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(value);
            if (!node.path("tenant").isTextual()
                    || !node.path("seq").canConvertToLong()
                    || !node.path("hash").isTextual()
                    || !node.path("at").isTextual()
                    || !node.path("keyId").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new AuditCheckpoint(
                    node.get("tenant").asText(),
                    node.get("seq").asLong(),
                    node.get("hash").asText(),
                    Instant.parse(node.get("at").asText()),
                    node.get("keyId").asText()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
