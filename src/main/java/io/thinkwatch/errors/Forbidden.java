package io.thinkwatch.errors;

import java.util.List;

/** The caller's role does not allow this request. */
public final class Forbidden extends DomainException {

    public Forbidden(String message, List<String> details) {
        super(Kind.FORBIDDEN, "forbidden", message, details);
    }
}
