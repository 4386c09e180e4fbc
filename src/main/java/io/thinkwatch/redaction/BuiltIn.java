package io.thinkwatch.redaction;

import io.thinkwatch.model.WireName;

import com.google.re2j.Pattern;

/**
 * The built-in detectors, in the order that decides a tie (two detectors matching the same characters): the more
 * specific first. Each pattern is RE2 syntax; what a pattern cannot say (a checksum, a length, what surrounds it) its
 * confirmation checks in code.
 */
public enum BuiltIn implements WireName {
    PRIVATE_KEY(
            "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----",
            0,
            Checks::privateKeyBlock,
            Reach.around(60, 40, "PRIVATE KEY")),
    ANTHROPIC_KEY("\\bsk-ant-[A-Za-z0-9_-]{20,}", 0, Checks.mixedAfter(7), Reach.token(256, Chars.KEY, "sk-ant-")),
    OPENAI_KEY(
            "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
            0,
            Checks.mixedAfter(3),
            Reach.token(256, Chars.KEY, "sk-")),
    GOOGLE_API_KEY("\\bAIza[0-9A-Za-z_-]{35}", 0, Checks::notLonger, Reach.around(1, 40, "AIza")),
    AWS_ACCESS_KEY("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", 0, Detector.Confirm.ANY, Reach.around(1, 21, "AKIA", "ASIA")),
    GITHUB_TOKEN(
            "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b",
            0,
            Detector.Confirm.ANY,
            Reach.token(270, Chars.KEY, "ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_")),
    SLACK_TOKEN("\\bxox[abprs]-[A-Za-z0-9-]{10,}", 0, Checks::digitAndLetter, Reach.token(256, Chars.KEY, "xox")),
    STRIPE_KEY(
            "\\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}",
            0,
            Checks::digitAndLetter,
            Reach.inside(3, 256, Chars.KEY, Chars.ALNUM, "_live_", "_test_")),
    JWT(
            "\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*",
            0,
            Detector.Confirm.ANY,
            Reach.token(2048, Chars.JWT, "eyJ")),
    BEARER_TOKEN(
            "\\b(?:[Bb]earer|BEARER)[ \\t]+([A-Za-z0-9._~+/-]{12,}=*)",
            1,
            Checks::digitAndLetter,
            Reach.around(1, 512, "Bearer", "bearer", "BEARER")),
    IBAN(
            "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b",
            0, Checks::iban, Reach.digitRuns(" ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
    CARD_NUMBER("\\b[2-6][0-9]{3}(?:[ -]?[0-9]){9,15}\\b", 0, Checks::card, Reach.digitRuns(" -")),
    EMAIL(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "\\.[A-Za-z]{2,24}\\b",
            0, Checks::email, Reach.inside(256, 256, Chars.MAILBOX, Chars.DOMAIN, "@")),
    PHONE(
            "\\+[1-9][0-9]{0,2}(?:[ .-]?\\(?[0-9]{1,5}\\)?){2,6}"
                    + "|(?:\\([2-9][0-9]{2}\\) ?|\\b[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}\\b"
                    + "|\\b0[1-9][0-9]{0,3}(?:[ .-]?[0-9]{2,4}){2,4}\\b",
            0, Checks::phone, Reach.digitRuns(" ()+.-"));

    @SuppressWarnings("ImmutableEnumChecker") // a record of a compiled RE2 pattern, stateless checks and List.copyOf
    private final Detector detector;

    BuiltIn(String pattern, int group, Detector.Confirm confirm, Reach reach) {
        this.detector = new Detector(wireName(name()), Pattern.compile(pattern), group, confirm, reach);
    }

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    public Detector detector() {
        return detector;
    }

    /** The detector named {@code type}, or null. */
    public static BuiltIn of(String type) {
        return WireName.find(BuiltIn.class, type);
    }

    private static String wireName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
