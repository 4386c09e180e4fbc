package io.thinkwatch.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.Unit;

/** The facts every channel shows, as label and text, in one order; values absent from the finding are left out. */
final class Texts {

    /** One labelled fact of a notification. */
    record Fact(String label, String value) {}

    private Texts() {}

    static List<Fact> facts(AlertMessage message) {
        Finding f = message.finding();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Rule", f.ruleName() != null ? f.ruleName() : f.ruleId()));
        facts.add(new Fact("Severity", f.severity().wire()));
        add(facts, "App", f.app());
        add(facts, "Model", f.model());
        add(
                facts,
                "Reasoning tokens",
                f.reasoningTokens() == null ? null : String.format(Locale.ROOT, "%,d", f.reasoningTokens()));
        add(
                facts,
                "Output budget",
                f.maxOutputTokens() == null ? null : String.format(Locale.ROOT, "%,d", f.maxOutputTokens()));
        add(
                facts,
                "Cost",
                f.costUsd() == null ? null : Unit.USD.format(f.costUsd().doubleValue()));
        add(facts, "Observed", measured(f.observedValue(), f.unit()));
        add(facts, "Threshold", measured(f.threshold(), f.unit()));
        facts.add(new Fact("Matches", message.countLine()));
        add(facts, "Group", f.groupKey());
        return facts;
    }

    private static void add(List<Fact> facts, String label, String value) {
        if (value != null) {
            facts.add(new Fact(label, value));
        }
    }

    /** A finding's measured value or limit, as {@link Unit#measured(Unit, double)} writes it. */
    private static String measured(Double value, Unit unit) {
        return value == null ? null : Unit.measured(unit, value);
    }

    /** "10 minutes", "1 hour", "90 seconds". */
    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
