package io.thinkwatch.errors;

import java.util.List;

/** The input is well formed but collides with what is stored: a name taken, a move the state does not allow. */
public final class Conflict extends DomainException {

    public Conflict(String message, List<String> details) {
        this("conflict", message, details);
    }

    /** A conflict with a code of its own, e.g. {@code invalid_transition}. */
    public Conflict(String code, String message, List<String> details) {
        super(Kind.CONFLICT, code, message, details);
    }
}
