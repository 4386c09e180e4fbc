package io.thinkwatch.redaction;

import java.util.ArrayList;
import java.util.List;

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
        return new Around(List.of(clues), before, after);
    }

    /** Around every stretch of 24 characters holding at least 8 digits: phone, card and account numbers. */
    static Reach digits() {
        return new Digits();
    }

    /** The windows {@code [start, end)} to search, ascending and not overlapping; empty when none can match. */
    List<int[]> windows(String text);

    record Whole() implements Reach {
        @Override
        public List<int[]> windows(String text) {
            return List.<int[]>of(new int[] {0, text.length()});
        }
    }

    record Around(List<String> clues, int before, int after) implements Reach {
        @Override
        public List<int[]> windows(String text) {
            List<int[]> windows = new ArrayList<>();
            for (String clue : clues) {
                for (int at = text.indexOf(clue); at >= 0; at = text.indexOf(clue, at + clue.length())) {
                    windows.add(new int[] {Math.max(0, at - before), Math.min(text.length(), at + after)});
                }
            }
            return merge(windows);
        }
    }

    record Digits() implements Reach {
        private static final int SPAN = 24;
        private static final int MIN_DIGITS = 8;
        private static final int MARGIN = 48;

        @Override
        public List<int[]> windows(String text) {
            List<int[]> windows = new ArrayList<>();
            int digits = 0;
            for (int i = 0; i < text.length(); i++) {
                if (isDigit(text.charAt(i))) {
                    digits++;
                }
                if (i >= SPAN && isDigit(text.charAt(i - SPAN))) {
                    digits--;
                }
                if (digits >= MIN_DIGITS) {
                    int start = Math.max(0, i - SPAN - MARGIN);
                    int end = Math.min(text.length(), i + MARGIN);
                    int[] last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
                    if (last != null && start <= last[1]) {
                        last[1] = end;
                    } else {
                        windows.add(new int[] {start, end});
                    }
                }
            }
            return windows;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
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
