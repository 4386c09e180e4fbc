package io.thinkwatch.console.ui;

import java.util.List;
import java.util.Locale;

import io.thinkwatch.model.Evidence;
import io.thinkwatch.model.MonitorVerdict;
import io.thinkwatch.review.FindingView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A reasoning monitor's verdict as the trace and finding pages show it. The model judge's fields ({@code judgeModel},
 * {@code promptVersion}, {@code explanation}) are read from the verdict's JSON, so they show when a finding has them
 * and are absent otherwise. Quotes are filled only for a role that may read the reasoning.
 *
 * @param judge {@code built-in} or {@code model}
 * @param explanation the model judge's words about the reasoning: shown with the reasoning, to the same roles
 * @param quotes the evidence as text, empty when the reasoning is hidden or gone
 */
public record VerdictView(
        String findingId,
        String ruleName,
        String state,
        String category,
        String score,
        String judge,
        String judgeModel,
        String promptVersion,
        String explanation,
        int spans,
        List<Quote> quotes) {

    /** One evidence span's text and the cue that matched it. */
    public record Quote(String cue, String text) {}

    /**
     * @param reasoning the trace's visible reasoning when the caller may read it, else null
     */
    static VerdictView of(FindingView f, String reasoning, ObjectMapper mapper) {
        MonitorVerdict v = f.finding().verdict();
        JsonNode json = mapper.valueToTree(v);
        List<Evidence> evidence = evidence(f);
        List<Quote> quotes = reasoning == null
                ? List.of()
                : evidence.stream()
                        .filter(e -> ReasoningMarks.fits(reasoning, e))
                        .map(e -> new Quote(e.cue(), e.quote(reasoning)))
                        .toList();
        return new VerdictView(
                f.finding().findingId(),
                f.finding().ruleName(),
                f.state().wire(),
                v.category(),
                String.format(Locale.ROOT, "%.2f", v.score()),
                MonitorVerdict.BUILT_IN.equals(v.judge()) ? "built-in" : "model",
                text(json, "judgeModel"),
                text(json, "promptVersion"),
                reasoning == null ? null : text(json, "explanation"),
                evidence.size(),
                quotes);
    }

    /** The evidence spans of a monitor finding's verdict; none when the stored verdict lists none. */
    static List<Evidence> evidence(FindingView f) {
        List<Evidence> evidence = f.finding().verdict().evidence();
        return evidence == null ? List.of() : evidence;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
