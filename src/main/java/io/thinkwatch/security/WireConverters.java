package io.thinkwatch.security;

import jakarta.persistence.Converter;

import io.thinkwatch.platform.WireNameConverter;

/** The closed sets of the security tables, stored by their wire names ({@link WireNameConverter}). */
final class WireConverters {

    private WireConverters() {}

    @Converter
    static class Role extends WireNameConverter<UserRole> {
        Role() {
            super(UserRole.class);
        }
    }
}
