package io.thinkwatch.search;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.thinkwatch.model.WireName;

/** The text a full-text query may search, each separately: chosen with {@code in}. */
public enum TextField implements WireName {
    ANSWER("answer", "answer"),
    REASONING("reasoning", "reasoningText"),
    REQUEST("request", "requestText"),
    TOOLS("tools", "toolCalls.arguments");

    static final Map<String, TextField> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(TextField::wire, Function.identity()));

    private final String wire;
    private final String field;

    TextField(String wire, String field) {
        this.wire = wire;
        this.field = field;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The indexed field. */
    public String field() {
        return field;
    }
}
