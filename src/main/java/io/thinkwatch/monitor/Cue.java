package io.thinkwatch.monitor;

import com.google.re2j.Pattern;

/**
 * One weighted phrase of a category. A cue counts once per call however often it matches; a category's score
 * combines its cues' weights as independent signals: {@code 1 - (1 - w1)(1 - w2)...}.
 *
 * @param name short and stable, shown as the reason of an evidence span
 * @param weight from 0 to 1: how sure one match alone makes the judge
 * @param pattern RE2 (linear time), matched case-insensitively
 * @param firstPerson counts only in a sentence that speaks as the model ("I", "me", "my"): a plan, not a
 *     description of what others do
 * @param negatable ignored when a negation ("not", "rather than", "instead of", "won't" ...) comes shortly
 *     before it in the same clause
 */
public record Cue(
        String category, String name, double weight, Pattern pattern, boolean firstPerson, boolean negatable) {

    public Cue {
        if (weight <= 0 || weight > 1) {
            throw new IllegalArgumentException("weight must be above 0 and at most 1: " + name);
        }
    }

    /** A cue whose pattern is RE2 source, compiled case-insensitively. */
    public static Cue of(
            String category, String name, double weight, String regex, boolean firstPerson, boolean negatable) {
        return new Cue(
                category, name, weight, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), firstPerson, negatable);
    }
}
