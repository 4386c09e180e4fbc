package io.thinkwatch.errors;

import java.util.List;

/** A store the request needs does not answer now; the same request may succeed later. */
public final class Unavailable extends DomainException {

    public Unavailable(String message) {
        super(Kind.UNAVAILABLE, "unavailable", message, List.of());
    }
}
