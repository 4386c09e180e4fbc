package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code content_match}: a regular expression found in the answer, the visible reasoning or the request.
 * Patterns run on RE2/J, which matches in time linear in the text and has no backtracking, so no pattern can
 * run away; RE2 syntax has no backreferences or lookaround. The finding names the field, never the text.
 */
public record ContentMatch(Pattern pattern, Set<Field> fields) implements Evaluator {

    /** Where to look. */
    public enum Field {
        ANSWER,
        REASONING,
        REQUEST
    }

    static final int MAX_PATTERN_LENGTH = 2_000;

    public static ContentMatch from(RuleParams params) {
        String source = params.text("pattern", null, MAX_PATTERN_LENGTH);
        boolean ignoreCase = params.flag("ignoreCase", false);
        Set<Field> fields = params.choices("fields", Field.class, EnumSet.of(Field.ANSWER, Field.REASONING));
        Pattern pattern = null;
        if (!source.isEmpty()) {
            try {
                pattern = Pattern.compile(source, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException e) {
                params.reject("pattern", "does not compile: " + e.getDescription());
            }
        }
        return new ContentMatch(pattern, Set.copyOf(fields));
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        for (Field field : Field.values()) {
            if (fields.contains(field) && matches(text(trace, field))) {
                return Optional.of(
                        new Match(null, null, field.name().toLowerCase(Locale.ROOT) + " matches the rule's pattern"));
            }
        }
        return Optional.empty();
    }

    private boolean matches(String text) {
        return text != null && !text.isEmpty() && pattern.matcher(text).find();
    }

    private static String text(TraceEvent trace, Field field) {
        return switch (field) {
            case ANSWER -> trace.answer();
            case REASONING -> trace.reasoningText();
            case REQUEST -> requestText(trace.request());
        };
    }

    /** The request's input and the text values of its messages (not roles or part types), one per line. */
    static String requestText(RequestInfo request) {
        if (request == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (request.input() != null) {
            text.append(request.input()).append('\n');
        }
        collect(request.messages(), text);
        return text.toString();
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            text.append(node.textValue()).append('\n');
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, text));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (!"role".equals(field.getKey()) && !"type".equals(field.getKey())) {
                    collect(field.getValue(), text);
                }
            });
        }
    }
}
