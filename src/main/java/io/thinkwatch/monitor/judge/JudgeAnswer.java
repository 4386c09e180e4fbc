package io.thinkwatch.monitor.judge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import io.thinkwatch.model.Evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A model judge's answer, checked against its schema: an object of exactly {@code category} (a category asked for,
 * or {@code none}), {@code score} (0-1), {@code evidence} (at most {@value #MAX_QUOTES} quotes) and
 * {@code explanation} (at most {@value #MAX_EXPLANATION} characters). Every quote must occur verbatim in the
 * reasoning, else the whole answer is refused: a judge that quotes what is not there is not believed. Quotes become
 * offsets into the reasoning, like the built-in judge's evidence.
 */
public final class JudgeAnswer {

    static final int MAX_QUOTES = 5;
    static final int MAX_QUOTE = 1_000;
    static final int MAX_EXPLANATION = 1_000;
    /** What a model evidence span names in place of a built-in cue. */
    public static final String QUOTE = "model_quote";

    private static final Set<String> FIELDS = Set.of("category", "score", "evidence", "explanation");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Why an answer was refused. */
    public enum Problem {
        /** Not JSON, or not of the schema. */
        MALFORMED,
        /** A quote that does not occur in the reasoning. */
        QUOTE_NOT_IN_REASONING
    }

    /** The answer, valid or refused. */
    public sealed interface Parsed permits Valid, Refused {}

    /**
     * An answer within the schema, its quotes as offsets.
     *
     * @param category null when the judge found none of the categories
     */
    public record Valid(String category, double score, List<Evidence> evidence, String explanation) implements Parsed {}

    public record Refused(Problem problem, String detail) implements Parsed {}

    private JudgeAnswer() {}

    public static Parsed parse(String content, String reasoning, Set<String> categories) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content == null ? "" : strip(content));
        } catch (JsonProcessingException e) {
            return malformed("not JSON");
        }
        if (root == null || !root.isObject()) {
            return malformed("not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return malformed("unknown field " + name);
            }
        }
        JsonNode category = root.get("category");
        JsonNode score = root.get("score");
        JsonNode evidence = root.get("evidence");
        JsonNode explanation = root.get("explanation");
        if (category == null || !category.isTextual()) {
            return malformed("category: a string is required");
        }
        boolean none = "none".equals(category.asText());
        if (!none && !categories.contains(category.asText())) {
            return malformed("category: not one asked for");
        }
        if (score == null || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1) {
            return malformed("score: a number from 0 to 1 is required");
        }
        if (evidence == null || !evidence.isArray() || evidence.size() > MAX_QUOTES) {
            return malformed("evidence: a list of at most " + MAX_QUOTES + " quotes is required");
        }
        if (explanation == null
                || !explanation.isTextual()
                || explanation.asText().length() > MAX_EXPLANATION) {
            return malformed("explanation: a string of at most " + MAX_EXPLANATION + " characters is required");
        }
        List<Evidence> spans = new ArrayList<>();
        for (JsonNode quote : evidence) {
            if (!quote.isTextual() || quote.asText().isBlank() || quote.asText().length() > MAX_QUOTE) {
                return malformed("evidence: each quote is a non-empty string of at most " + MAX_QUOTE + " characters");
            }
            int start = reasoning.indexOf(quote.asText());
            if (start < 0) {
                return new Refused(Problem.QUOTE_NOT_IN_REASONING, "a quote does not occur in the reasoning");
            }
            spans.add(new Evidence(start, start + quote.asText().length(), QUOTE));
        }
        spans.sort(java.util.Comparator.comparingInt(Evidence::start));
        return none
                ? new Valid(null, 0.0, List.of(), explanation.asText())
                : new Valid(category.asText(), score.asDouble(), List.copyOf(spans), explanation.asText());
    }

    /** Some servers wrap JSON in a Markdown fence even when asked not to. */
    private static String strip(String content) {
        String text = content.strip();
        if (text.startsWith("```")) {
            int open = text.indexOf('\n');
            int close = text.lastIndexOf("```");
            if (open > 0 && close > open) {
                return text.substring(open + 1, close);
            }
        }
        return text;
    }

    private static Refused malformed(String detail) {
        return new Refused(Problem.MALFORMED, detail);
    }
}
