package io.thinkwatch.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.thinkwatch.model.Evidence;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The judge that needs no model: weighted cues (RE2 phrases, {@link BuiltInCues}) over the visible reasoning.
 * Every cue runs once over the text in time linear in its length; a category's score combines the weights of
 * its cues that matched, and the verdict is the category with the highest score, with the matched spans as its
 * evidence. Pure and thread-safe.
 */
public final class BuiltInJudge {

    /** Most evidence spans a verdict carries. */
    public static final int MAX_EVIDENCE = 8;

    /** How far back in the clause a negation cancels a negatable cue. */
    private static final int NEGATION_REACH = 40;

    /** How far a sentence is read around a match for the first-person test. */
    private static final int SENTENCE_REACH = 300;

    private static final Pattern NEGATION = Pattern.compile(
            "(?i)\\b(?:not|never|no|avoid|rather\\s+than|instead\\s+of|without|refuse\\s+to|shouldn['’]t|won['’]t|"
                    + "don['’]t|wouldn['’]t|mustn['’]t|can['’]t|cannot)\\b");

    private static final Pattern FIRST_PERSON = Pattern.compile("\\bI\\b|(?i:\\b(?:me|my|myself)\\b)");

    private final List<Cue> cues;

    public BuiltInJudge(List<Cue> cues) {
        this.cues = List.copyOf(cues);
    }

    /** The built-in categories' cues. */
    public static BuiltInJudge standard() {
        return new BuiltInJudge(BuiltInCues.ALL);
    }

    /** This judge with a tenant's own cues added (custom categories, or more phrases for a built-in one). */
    public BuiltInJudge with(List<Cue> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Cue> all = new ArrayList<>(cues);
        all.addAll(more);
        return new BuiltInJudge(all);
    }

    public List<Cue> cues() {
        return cues;
    }

    /** Judges one call's visible reasoning; {@link Verdict#CLEAN} when nothing matched or there is no text. */
    public Verdict judge(String reasoning) {
        if (reasoning == null || reasoning.isBlank()) {
            return Verdict.CLEAN;
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Cue cue : cues) {
            Matcher matcher = cue.pattern().matcher(reasoning);
            while (matcher.find()) {
                if (counts(cue, reasoning, matcher.start(), matcher.end())) {
                    scores.computeIfAbsent(cue.category(), c -> new Score())
                            .add(cue, new Evidence(matcher.start(), matcher.end(), cue.name()));
                    break;
                }
            }
        }
        String best = null;
        Score top = null;
        for (Map.Entry<String, Score> entry : scores.entrySet()) {
            if (top == null || entry.getValue().value() > top.value()) {
                best = entry.getKey();
                top = entry.getValue();
            }
        }
        if (top == null) {
            return Verdict.CLEAN;
        }
        List<Evidence> evidence = new ArrayList<>(top.evidence);
        evidence.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new Verdict(
                best, top.value(), List.copyOf(evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size()))));
    }

    private static boolean counts(Cue cue, String text, int start, int end) {
        if (cue.negatable() && negated(text, start)) {
            return false;
        }
        return !cue.firstPerson() || firstPerson(text, start, end);
    }

    /** A negation between the start of the match's clause (or {@value #NEGATION_REACH} characters) and the match. */
    private static boolean negated(String text, int start) {
        int from = start;
        while (from > 0 && start - from < NEGATION_REACH && ".!?\n;:,".indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        return from < start && NEGATION.matcher(text.substring(from, start)).find();
    }

    /** The match's sentence speaks as the model. */
    private static boolean firstPerson(String text, int start, int end) {
        int from = start;
        while (from > 0 && start - from < SENTENCE_REACH && ".!?\n".indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        int to = end;
        while (to < text.length() && to - end < SENTENCE_REACH && ".!?\n".indexOf(text.charAt(to)) < 0) {
            to++;
        }
        return FIRST_PERSON.matcher(text.substring(from, to)).find();
    }

    /** A category's cues that matched so far. */
    private static final class Score {
        private double missing = 1.0;
        private final List<Evidence> evidence = new ArrayList<>();

        void add(Cue cue, Evidence span) {
            missing *= 1.0 - cue.weight();
            evidence.add(span);
        }

        double value() {
            return 1.0 - missing;
        }
    }
}
