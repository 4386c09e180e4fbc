package io.thinkwatch.model;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Trace ids are UUIDv7: unique without coordination and ordered by time. */
public final class TraceIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TraceIds() {}

    public static String next() {
        return GENERATOR.generate().toString();
    }
}
