package io.thinkwatch.console.ui;

import org.jboss.resteasy.reactive.RestForm;

/** The posted rule form; see {@link RuleForm}. */
public class RuleFormParams {

    @RestForm
    String name;

    @RestForm
    String description;

    @RestForm
    String kind;

    @RestForm
    String params;

    @RestForm
    String app;

    @RestForm
    String model;

    @RestForm
    String env;

    @RestForm
    String severity;

    @RestForm
    String groupBy;

    @RestForm
    String dedupWindow;

    @RestForm
    String channels;

    @RestForm
    String enabled;
    /** The backtest range, {@code yyyy-MM-ddTHH:mm} in UTC (an HTML datetime-local field). */
    @RestForm
    String from;

    @RestForm
    String to;

    RuleForm form() {
        return new RuleForm(
                s(name),
                s(description),
                s(kind),
                s(params),
                s(app),
                s(model),
                s(env),
                s(severity),
                s(groupBy),
                s(dedupWindow),
                s(channels),
                enabled != null);
    }

    private static String s(String value) {
        return value == null ? "" : value;
    }
}
