package io.thinkwatch.search;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What statistics may be broken down by; the name is the TraceEvent field. */
public enum GroupBy {
    MODEL("model"),
    APP("app"),
    PROVIDER("provider");

    static final Map<String, GroupBy> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(GroupBy::field, Function.identity()));

    private final String field;

    GroupBy(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
