package io.thinkwatch.console.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.thinkwatch.model.Evidence;

/**
 * The visible reasoning cut into pieces at the evidence spans of monitor verdicts, so a page can mark the spans
 * without building HTML from captured text: each piece is shown through the template's escaping. Offsets come from
 * stored findings (untrusted): a span outside the text, empty, reversed or splitting a surrogate pair is left out,
 * and overlapping spans are joined.
 */
public final class ReasoningMarks {

    /** A piece of the reasoning; {@code cues} is null for text outside every span. */
    public record Piece(String text, String cues) {

        public boolean marked() {
            return cues != null;
        }
    }

    private ReasoningMarks() {}

    /** The text in order, cut at the spans that fit it; one unmarked piece when none does. */
    static List<Piece> of(String text, List<Evidence> evidence) {
        List<Piece> pieces = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return pieces;
        }
        List<Evidence> spans = evidence.stream()
                .filter(e -> fits(text, e))
                .sorted(Comparator.comparingInt(Evidence::start).thenComparingInt(Evidence::end))
                .toList();
        int at = 0;
        int i = 0;
        while (i < spans.size()) {
            int start = spans.get(i).start();
            int end = spans.get(i).end();
            List<String> cues = new ArrayList<>();
            while (i < spans.size() && spans.get(i).start() < end) {
                end = Math.max(end, spans.get(i).end());
                String cue =
                        spans.get(i).cue() == null ? "evidence" : spans.get(i).cue();
                if (!cues.contains(cue)) {
                    cues.add(cue);
                }
                i++;
            }
            if (start > at) {
                pieces.add(new Piece(text.substring(at, start), null));
            }
            pieces.add(new Piece(text.substring(start, end), String.join(", ", cues)));
            at = end;
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), null));
        }
        return pieces;
    }

    /** Whether {@code e} is a non-empty span of {@code text} that starts and ends between characters. */
    static boolean fits(String text, Evidence e) {
        return e != null
                && e.start() >= 0
                && e.end() > e.start()
                && e.end() <= text.length()
                && !Character.isLowSurrogate(text.charAt(e.start()))
                && (e.end() == text.length() || !Character.isLowSurrogate(text.charAt(e.end())));
    }
}
