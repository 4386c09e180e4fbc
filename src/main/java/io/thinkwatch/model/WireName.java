package io.thinkwatch.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A closed set named on the wire, in JSON and in storage by its constant's name in lower case
 * ({@code FINISH_REASON} is {@code finish_reason}); a set whose wire names differ overrides {@link #wire()}.
 *
 * <p>Every implementing enum declares {@code wire()}, those using the lower-case rule by calling
 * {@code WireName.super.wire()}: SmallRye OpenAPI reads the values of a {@code @JsonValue} method only when the
 * enum itself declares it (it looks the method up with {@code getDeclaredMethod}); otherwise the API document
 * would list the constants' Java names.
 */
public interface WireName {

    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** The name in JSON, in the API and in storage. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this wire name, or null when none has it (or {@code wire} is null). */
    static <E extends Enum<E> & WireName> E find(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wire)) {
                return constant;
            }
        }
        return null;
    }
}
