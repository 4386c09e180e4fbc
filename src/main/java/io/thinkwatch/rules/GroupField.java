package io.thinkwatch.rules;

import java.util.function.Function;

import io.thinkwatch.model.TraceEvent;

/** The trace fields a rule can group by; their values form a finding's group key. */
public enum GroupField {
    APP("app", TraceEvent::app),
    MODEL("model", TraceEvent::model),
    ENV("env", TraceEvent::env),
    USER_ID("userId", TraceEvent::userId),
    SESSION_ID("sessionId", TraceEvent::sessionId),
    PROVIDER("provider", t -> t.provider() == null ? null : t.provider().wire());

    private final String wire;
    private final Function<TraceEvent, String> read;

    GroupField(String wire, Function<TraceEvent, String> read) {
        this.wire = wire;
        this.read = read;
    }

    public String wire() {
        return wire;
    }

    String valueOf(TraceEvent trace) {
        String value = read.apply(trace);
        return value == null ? "" : value;
    }

    static GroupField fromWire(String value) {
        for (GroupField field : values()) {
            if (field.wire.equals(value)) {
                return field;
            }
        }
        return null;
    }
}
