package io.thinkwatch.model;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

/**
 * Finding ids are name-based UUIDs (version 5) of rule id, group key and window start: the same match always
 * gets the same id, so a restarted engine or a replay updates a finding instead of filing it again.
 */
public final class FindingIds {

    private static final UUID NAMESPACE = UUID.fromString("6f1c2b0e-5d0a-4c1e-9a57-7468696e6b77");
    private static final NameBasedGenerator GENERATOR = Generators.nameBasedGenerator(NAMESPACE);

    private FindingIds() {}

    public static String of(String ruleId, String groupKey, Instant windowStart) {
        return GENERATOR
                .generate(ruleId + "\n" + groupKey + "\n" + windowStart.toEpochMilli())
                .toString();
    }
}
