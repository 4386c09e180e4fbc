package io.thinkwatch.monitor;

import io.thinkwatch.model.WireName;

/** The monitor's built-in categories (docs/rules.md defines each); tenants add their own by name. */
public enum Category implements WireName {
    USER_MANIPULATION,
    ANSWER_CONTRADICTS_REASONING,
    REWARD_HACKING,
    POLICY_EVASION,
    SANDBAGGING,
    EVALUATION_AWARENESS,
    SENSITIVE_DATA;

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /** The built-in category with this wire name, or null. */
    public static Category fromWire(String value) {
        return WireName.find(Category.class, value);
    }
}
