package io.thinkwatch.errors;

import java.util.List;

/** The thing asked for does not exist in the caller's tenant (or exists only in another one). */
public final class NotFound extends DomainException {

    /** {@code what} names it, e.g. {@code "finding f-1"}. */
    public NotFound(String what) {
        super(Kind.NOT_FOUND, "not_found", what + " not found", List.of());
    }
}
