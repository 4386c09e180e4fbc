package io.thinkwatch.platform;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * How a closed set is stored in PostgreSQL: as its wire name, the lower-case constant name the API shows
 * (docs/decisions/0012-persistence-idiom.md). An entity's enum field names a subclass of this in
 * {@code @Convert}; the column's check constraint lists the same names.
 */
public abstract class WireNameConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected WireNameConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
