package io.thinkwatch.rules;

import java.util.function.Function;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.WireName;

/** The trace fields a rule can group by; their values form a finding's group key. */
public enum GroupField implements WireName {
    APP("app", TraceEvent::app),
    MODEL("model", TraceEvent::model),
    ENV("env", TraceEvent::env),
    USER_ID("userId", TraceEvent::userId),
    SESSION_ID("sessionId", TraceEvent::sessionId),
    PROVIDER("provider", t -> t.provider() == null ? null : t.provider().wire());

    private final String wire;

    @SuppressWarnings("ImmutableEnumChecker") // stateless accessors of TraceEvent
    private final Function<TraceEvent, String> read;

    GroupField(String wire, Function<TraceEvent, String> read) {
        this.wire = wire;
        this.read = read;
    }

    @Override
    public String wire() {
        return wire;
    }

    String valueOf(TraceEvent trace) {
        String value = read.apply(trace);
        return value == null ? "" : value;
    }

    static GroupField fromWire(String value) {
        return WireName.find(GroupField.class, value);
    }
}
