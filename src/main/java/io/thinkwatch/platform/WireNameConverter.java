package io.thinkwatch.platform;

import jakarta.persistence.AttributeConverter;

import io.thinkwatch.model.WireName;

/**
 * How a closed set is stored in PostgreSQL: as its {@link WireName}, the name the API shows
 * (docs/decisions/0012-persistence-idiom.md). An entity's enum field names a subclass of this in
 * {@code @Convert}; the column's check constraint lists the same names.
 */
public abstract class WireNameConverter<E extends Enum<E> & WireName> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected WireNameConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.wire();
    }

    @Override
    public E convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        E constant = WireName.find(type, value);
        if (constant == null) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " '" + value + "' is not a wire name");
        }
        return constant;
    }
}
