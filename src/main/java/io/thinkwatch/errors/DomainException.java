package io.thinkwatch.errors;

import java.util.List;

/**
 * A request a feature refuses, with a stable code, a message and one detail per problem
 * ({@code "size: must be from 1 to 500"}). The edge that received the request decides how to answer it: the
 * console maps each {@link Kind} to an HTTP status and the error shape of docs/api.md.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Invalid, Conflict, Forbidden, Unavailable {

    /** Why the request is refused. */
    public enum Kind {
        NOT_FOUND,
        INVALID,
        CONFLICT,
        FORBIDDEN,
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final List<String> details;

    DomainException(Kind kind, String code, String message, List<String> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    /** The machine-readable code, e.g. {@code not_found} or {@code invalid_transition}. */
    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }

    /** The details, or the message alone when there are none: what a form shows beside its fields. */
    public List<String> problems() {
        return details.isEmpty() ? List.of(getMessage()) : details;
    }
}
