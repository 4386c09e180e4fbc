package io.thinkwatch.alerts;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.thinkwatch.model.Severity;

/** Stores closed sets by their lower-case wire names, as the API shows them. */
final class WireConverters {

    private WireConverters() {
    }

    @Converter
    static class Kind implements AttributeConverter<ChannelKind, String> {
        @Override
        public String convertToDatabaseColumn(ChannelKind kind) {
            return kind == null ? null : kind.wire();
        }

        @Override
        public ChannelKind convertToEntityAttribute(String value) {
            return value == null ? null : ChannelKind.fromWire(value);
        }
    }

    @Converter
    static class SeverityLevel implements AttributeConverter<Severity, String> {
        @Override
        public String convertToDatabaseColumn(Severity severity) {
            return severity == null ? null : severity.wire();
        }

        @Override
        public Severity convertToEntityAttribute(String value) {
            return value == null ? null : Severity.valueOf(value.toUpperCase());
        }
    }
}
