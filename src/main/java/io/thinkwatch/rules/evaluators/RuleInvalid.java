package io.thinkwatch.rules.evaluators;

import java.util.List;

/** A rule definition that cannot be used; each detail names a field and the reason, e.g. {@code params.threshold: ...}. */
public class RuleInvalid extends RuntimeException {

    private final List<String> details;

    public RuleInvalid(List<String> details) {
        super("invalid rule: " + String.join("; ", details));
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return details;
    }
}
