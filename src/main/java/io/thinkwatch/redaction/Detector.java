package io.thinkwatch.redaction;

import com.google.re2j.Pattern;

/**
 * One kind of secret or personal data: a pattern run with RE2/J (linear in the text, no backtracking), the group
 * that holds the secret, a confirmation in code (a checksum, a plausibility check) and where in a text a match can
 * be, so the pattern runs only there.
 *
 * @param type    the name in the marker {@code [redacted:<type>]}, in {@code redactionsByType} and in the metric
 * @param pattern what a candidate looks like
 * @param group   the group holding the secret (0: the whole match), e.g. only the token of {@code Bearer <token>}
 * @param confirm decides whether a candidate is one, and where it ends
 * @param reach   where a match can be; {@link Reach#WHOLE} searches the whole text
 */
public record Detector(String type, Pattern pattern, int group, Confirm confirm, Reach reach) {

    /** A detector for a pattern defined in configuration: every match counts, whole, searched everywhere. */
    public static Detector custom(String type, Pattern pattern) {
        return new Detector(type, pattern, 0, Confirm.ANY, Reach.whole());
    }

    /** The same detector searching the whole text, to measure what its reach saves. */
    public Detector everywhere() {
        return new Detector(type, pattern, group, confirm, Reach.whole());
    }

    /** Whether a candidate the pattern found is a secret of this kind, and where it ends. */
    @FunctionalInterface
    public interface Confirm {

        /** Every candidate is one, as matched. */
        Confirm ANY = (text, start, end) -> end;

        /**
         * Returns where the secret ends (usually {@code end}; later when it extends past what the pattern can say),
         * or -1 when the candidate is not one.
         *
         * @param text  the whole text
         * @param start where the candidate (the detector's group) starts
         * @param end   where it ends
         */
        int end(CharSequence text, int start, int end);
    }
}
