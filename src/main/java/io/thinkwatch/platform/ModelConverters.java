package io.thinkwatch.platform;

import jakarta.persistence.Converter;

import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;

/**
 * The columns of {@code model}'s closed sets that several features store, by their wire names
 * ({@link WireNameConverter}); a feature's own sets have their converters in the feature.
 */
public final class ModelConverters {

    private ModelConverters() {}

    @Converter
    public static class SeverityColumn extends WireNameConverter<Severity> {
        public SeverityColumn() {
            super(Severity.class);
        }
    }

    @Converter
    public static class RuleKindColumn extends WireNameConverter<RuleKind> {
        public RuleKindColumn() {
            super(RuleKind.class);
        }
    }
}
