package io.thinkwatch.errors;

import java.util.List;

/** The input is wrong; each detail names a field and the reason. */
public final class Invalid extends DomainException {

    public Invalid(String message, List<String> details) {
        super(Kind.INVALID, "bad_request", message, details);
    }

    /** One problem, which is also the message. */
    public static Invalid of(String detail) {
        return new Invalid(detail, List.of(detail));
    }
}
