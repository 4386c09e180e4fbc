package io.thinkwatch.alerts;

import jakarta.persistence.Converter;

import io.thinkwatch.platform.WireNameConverter;

/** The closed sets of the alerts tables ({@code model}'s are in {@link io.thinkwatch.platform.ModelConverters}), stored by their wire names ({@link WireNameConverter}). */
final class WireConverters {

    private WireConverters() {}

    @Converter
    static class Kind extends WireNameConverter<ChannelKind> {
        Kind() {
            super(ChannelKind.class);
        }
    }
}
