package io.thinkwatch.redaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Where in a text a detector's pattern can match, found without the pattern: a cheap scan that gives the windows the
 * pattern is then run in. RE2/J has no DFA, so a search costs about the same per character whether it finds anything
 * or not; most of a prompt cannot hold a key or a card number, and is skipped.
 */
sealed interface Reach {

    /** The whole text: for patterns of unknown shape (those defined in configuration). */
    static Reach whole() {
        return new Whole();
    }

    /**
     * Around each occurrence of a literal every match contains.
     *
     * @param before how far before the literal a match may start
     * @param after  how far after the literal's start a match usually ends; a match that reaches a window's end makes
     *               the window grow, so longer ones are still found whole
     */
    static Reach around(int before, int after, String... clues) {
        return new Around(List.of(clues), before, after, c -> true, c -> true);
    }

    /**
     * Around each occurrence of a literal that starts a token: the window runs from the literal over the characters
     * the token is made of, and one more, so the pattern reads the text only where the token is.
     *
     * @param after how far after the literal's start a match usually ends, at most
     * @param token the characters after the literal a match can hold
     */
    static Reach token(int after, IntPredicate token, String... clues) {
        return new Around(List.of(clues), 1, after, c -> false, token);
    }

    /**
     * Around each occurrence of a literal inside a token: the window reaches back over {@code back} characters, at
     * most {@code before}, and on over {@code forward} characters, at most {@code after} from the literal's start.
     */
    static Reach inside(int before, int after, IntPredicate back, IntPredicate forward, String... clues) {
        return new Around(List.of(clues), before, after, back, forward);
    }

    /**
     * Around each run of digits and {@code joiners} that holds at least 8 digits: phone, card and account numbers.
     * A date, a version or an address rarely makes a run that long, so most digits of a text are not searched.
     */
    static Reach digitRuns(String joiners) {
        BitSet joins = new BitSet(128);
        joiners.chars().forEach(joins::set);
        return new DigitRuns(joins::get);
    }

    /** The windows {@code [start, end)} to search, ascending and not overlapping; empty when none can match. */
    List<int[]> windows(String text);

    record Whole() implements Reach {
        @Override
        public List<int[]> windows(String text) {
            return List.<int[]>of(new int[] {0, text.length()});
        }
    }

    /**
     * Windows from at most {@code before} characters before a clue to at most {@code after} after its start, narrowed
     * to the run of {@code back} characters before it and of {@code forward} characters after it, plus one character
     * either side (what a word boundary reads).
     */
    record Around(List<String> clues, int before, int after, IntPredicate back, IntPredicate forward) implements Reach {
        @Override
        public List<int[]> windows(String text) {
            List<int[]> windows = new ArrayList<>();
            for (String clue : clues) {
                for (int at = text.indexOf(clue); at >= 0; at = text.indexOf(clue, at + clue.length())) {
                    int floor = Math.max(0, at - before);
                    int from = at;
                    while (from > floor && back.test(text.charAt(from - 1))) {
                        from--;
                    }
                    int cap = Math.min(text.length(), at + after);
                    int to = Math.min(cap, at + clue.length());
                    while (to < cap && forward.test(text.charAt(to))) {
                        to++;
                    }
                    windows.add(new int[] {Math.max(floor, from - 1), Math.min(cap, to + 1)});
                }
            }
            return merge(windows);
        }
    }

    /** Runs of digits and of the characters {@code joins} accepts. */
    record DigitRuns(IntPredicate joins) implements Reach {
        private static final int MIN_DIGITS = 8;

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        @Override
        public List<int[]> windows(String text) {
            List<int[]> windows = new ArrayList<>();
            // Most characters are not digits: each costs one comparison until a digit starts a run.
            for (int i = 0; i < text.length(); i++) {
                if (!isDigit(text.charAt(i))) {
                    continue;
                }
                int start = i;
                while (start > 0 && joins.test(text.charAt(start - 1))) {
                    start--;
                }
                int end = i;
                int digits = 0;
                while (end < text.length()) {
                    char c = text.charAt(end);
                    if (isDigit(c)) {
                        digits++;
                    } else if (!joins.test(c)) {
                        break;
                    }
                    end++;
                }
                if (digits >= MIN_DIGITS) {
                    windows.add(new int[] {Math.max(0, start - 1), Math.min(text.length(), end + 1)});
                }
                i = end;
            }
            return merge(windows);
        }
    }

    /** The windows sorted and joined where they overlap or touch. */
    private static List<int[]> merge(List<int[]> windows) {
        if (windows.size() < 2) {
            return windows;
        }
        windows.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        int[] current = windows.get(0).clone();
        for (int[] next : windows.subList(1, windows.size())) {
            if (next[0] <= current[1]) {
                current[1] = Math.max(current[1], next[1]);
            } else {
                merged.add(current);
                current = next.clone();
            }
        }
        merged.add(current);
        return merged;
    }
}
