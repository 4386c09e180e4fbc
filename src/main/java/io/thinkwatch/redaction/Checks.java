package io.thinkwatch.redaction;

import java.util.Locale;
import java.util.Set;

/** The confirmations built-in detectors run on a candidate after its pattern matched: checksums and plausibility. */
final class Checks {

    /** Longest private key block searched for its end line; a longer one is redacted up to where its body ends. */
    static final int MAX_KEY_BLOCK = 16_384;

    private static final Set<String> FILE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "js", "css", "ts", "map", "json");

    private Checks() {}

    /** The Luhn checksum of the digits in {@code text} (other characters are skipped). */
    static boolean luhn(CharSequence text) {
        int sum = 0;
        boolean twice = false;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: the IBAN (spaces skipped) moved by four characters, letters as 10 to 35, is 1 modulo 97. */
    static boolean ibanChecksum(CharSequence text) {
        StringBuilder iban = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                iban.append(c);
            }
        }
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int rest = 0;
        for (int i = 0; i < moved.length(); i++) {
            char c = moved.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
            } else {
                return false;
            }
            rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
        }
        return rest == 1;
    }

    /**
     * A card number as people write it: Luhn-valid, separated by one kind of separator (or none) into groups of at
     * least three digits, and not part of a longer number.
     */
    static int card(CharSequence text, int start, int end) {
        if (!standalone(text, start, end)) {
            return -1;
        }
        char separator = 0;
        int group = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                group++;
                continue;
            }
            if ((separator != 0 && c != separator) || group < 3) {
                return -1;
            }
            separator = c;
            group = 0;
        }
        return group >= 3 && luhn(text.subSequence(start, end)) ? end : -1;
    }

    /** An IBAN whose check digits are right, not part of a longer code. */
    static int iban(CharSequence text, int start, int end) {
        return standalone(text, start, end) && ibanChecksum(text.subSequence(start, end)) ? end : -1;
    }

    /**
     * A phone number: international ({@code +}, 8 to 15 digits), national with a trunk 0 (9 to 12 digits, written
     * with at least one separator, so a plain number is not one) or North American (10 digits); not part of a longer
     * number, a version or a date.
     */
    static int phone(CharSequence text, int start, int end) {
        if (!standalone(text, start, end) || inNumberRun(text, start, end)) {
            return -1;
        }
        int digits = 0;
        boolean separated = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '+') {
                separated = true;
            }
        }
        char first = text.charAt(start);
        boolean plausible;
        if (first == '+') {
            plausible = digits >= 8 && digits <= 15;
        } else if (first == '0') {
            plausible = separated && digits >= 9 && digits <= 12;
        } else {
            plausible = digits == 10;
        }
        return plausible ? end : -1;
    }

    /** An email address whose domain does not end like a file name ({@code icon@2x.png}). */
    static int email(CharSequence text, int start, int end) {
        String address = text.subSequence(start, end).toString();
        String tld = address.substring(address.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return FILE_EXTENSIONS.contains(tld) ? -1 : end;
    }

    /** A random-looking token: it has a digit, a lower- and an upper-case letter after its prefix. */
    static Detector.Confirm mixedAfter(int prefix) {
        return (text, start, end) -> has(text, start + prefix, end, true, true, true) ? end : -1;
    }

    /** A token with at least one digit and one letter. */
    static int digitAndLetter(CharSequence text, int start, int end) {
        return has(text, start, end, true, false, false) && hasLetter(text, start, end) ? end : -1;
    }

    /** Exactly as long as the pattern says: not followed by another character of the same alphabet. */
    static int notLonger(CharSequence text, int start, int end) {
        if (end < text.length()) {
            char next = text.charAt(end);
            if (Character.isLetterOrDigit(next) || next == '_' || next == '-') {
                return -1;
            }
        }
        return end;
    }

    /**
     * A PEM private key block: from its BEGIN line to its END line when that follows within {@link #MAX_KEY_BLOCK}
     * characters and before another BEGIN; else (a key cut off or pasted without its end) over its base64 body.
     */
    static int privateKeyBlock(CharSequence text, int start, int end) {
        int limit = Math.min(text.length(), end + MAX_KEY_BLOCK);
        for (int i = end; i < limit; i++) {
            if (text.charAt(i) != '-') {
                continue;
            }
            if (startsWith(text, i, "-----END")) {
                int close = indexOf(text, "-----", i + 8, Math.min(text.length(), i + 80));
                return close < 0 ? i + 8 : close + 5;
            }
            if (startsWith(text, i, "-----BEGIN")) {
                break;
            }
        }
        int body = end;
        while (body < text.length() && isKeyBody(text.charAt(body))) {
            body++;
        }
        return body;
    }

    /** Not glued to a longer word or number: no letter or digit around it, nor a digit behind a {@code . - /}. */
    static boolean standalone(CharSequence text, int start, int end) {
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (Character.isLetterOrDigit(before)
                    || (isJoiner(before) && start > 1 && Character.isDigit(text.charAt(start - 2)))) {
                return false;
            }
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            return !Character.isLetterOrDigit(after)
                    && !(isJoiner(after) && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1)));
        }
        return true;
    }

    /** One space and then a digit before or after the candidate: it is part of a longer run of numbers. */
    private static boolean inNumberRun(CharSequence text, int start, int end) {
        boolean before = start >= 2 && text.charAt(start - 1) == ' ' && Character.isDigit(text.charAt(start - 2));
        boolean after = end + 1 < text.length() && text.charAt(end) == ' ' && Character.isDigit(text.charAt(end + 1));
        return before || after;
    }

    private static boolean isJoiner(char c) {
        return c == '.' || c == '-' || c == '/';
    }

    private static boolean isKeyBody(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '='
                || c == '\\'
                || Character.isWhitespace(c);
    }

    private static boolean has(CharSequence text, int from, int to, boolean digit, boolean lower, boolean upper) {
        boolean d = !digit;
        boolean l = !lower;
        boolean u = !upper;
        for (int i = from; i < to && !(d && l && u); i++) {
            char c = text.charAt(i);
            d |= c >= '0' && c <= '9';
            l |= c >= 'a' && c <= 'z';
            u |= c >= 'A' && c <= 'Z';
        }
        return d && l && u;
    }

    private static boolean hasLetter(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(CharSequence text, int at, String literal) {
        if (at + literal.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (text.charAt(at + i) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence text, String literal, int from, int to) {
        for (int i = from; i + literal.length() <= to; i++) {
            if (startsWith(text, i, literal)) {
                return i;
            }
        }
        return -1;
    }
}
