package io.thinkwatch.alerts;

import jakarta.persistence.Converter;

import io.thinkwatch.model.Severity;
import io.thinkwatch.platform.WireNameConverter;

/** The closed sets of the alerts tables, stored by their wire names ({@link WireNameConverter}). */
final class WireConverters {

    private WireConverters() {}

    @Converter
    static class Kind extends WireNameConverter<ChannelKind> {
        Kind() {
            super(ChannelKind.class);
        }
    }

    @Converter
    static class SeverityLevel extends WireNameConverter<Severity> {
        SeverityLevel() {
            super(Severity.class);
        }
    }
}
