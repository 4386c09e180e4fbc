package io.thinkwatch.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.re2j.Matcher;

/**
 * What redaction does to the texts of one trace: which detectors run and what replaces what they find. Immutable
 * and safe to share between threads.
 *
 * <p>Each detector searches the text on its own, and only where its {@link Reach} says a match can be.
 * Where matches overlap, the one that starts first wins, then the longer one, then the detector listed first; a
 * match that runs on past the winner's end widens the replaced span, so no tail of a secret is left readable.
 *
 * @param mode      what replaces a secret
 * @param detectors the detectors that run, ties going to the earlier one; empty: redaction is off
 * @param key       the key of {@link RedactionMode#HASH}; null for the other modes
 */
public record Policy(RedactionMode mode, List<Detector> detectors, HashKey key) {

    /** Nothing is redacted. */
    public static final Policy OFF = new Policy(RedactionMode.MASK, List.of(), null);

    /** The marker of a text dropped whole. */
    public static final String DROPPED = "[redacted:dropped]";

    private static final Comparator<Hit> ORDER = Comparator.comparingInt(Hit::start)
            .thenComparing(Comparator.comparingInt(Hit::end).reversed())
            .thenComparingInt(Hit::rank);

    public Policy {
        detectors = List.copyOf(detectors);
        if (mode == RedactionMode.HASH && key == null) {
            throw new IllegalArgumentException("hash mode needs a key");
        }
    }

    public boolean enabled() {
        return !detectors.isEmpty();
    }

    /** The marker that replaces {@code secret}, found by a detector of {@code type}. */
    String marker(String type, CharSequence secret) {
        return switch (mode) {
            case HASH -> "[redacted:" + type + ":" + key.tag(secret) + "]";
            case MASK, DROP -> "[redacted:" + type + "]";
        };
    }

    /** The text with every secret replaced, each counted in {@code counts}; the same string when none was found. */
    public String redact(String text, Counts counts) {
        if (text == null || text.isEmpty() || detectors.isEmpty()) {
            return text;
        }
        List<Hit> hits = find(text);
        if (hits.isEmpty()) {
            return text;
        }
        hits.sort(ORDER);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < hits.size()) {
            Hit hit = hits.get(i);
            int end = hit.end();
            i++;
            while (i < hits.size() && hits.get(i).start() < end) {
                end = Math.max(end, hits.get(i).end());
                i++;
            }
            String type = detectors.get(hit.rank()).type();
            counts.add(type);
            out.append(text, copied, hit.start()).append(marker(type, text.subSequence(hit.start(), end)));
            copied = end;
        }
        if (mode == RedactionMode.DROP) {
            return DROPPED;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Every confirmed match of every detector, unordered. */
    private List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        for (int rank = 0; rank < detectors.size(); rank++) {
            Detector detector = detectors.get(rank);
            int searched = 0;
            for (int[] window : detector.reach().windows(text)) {
                int start = Math.max(window[0], searched);
                int end = window[1];
                if (end <= start) {
                    continue;
                }
                // A match reaching the window's end may go on past it: search a longer window again.
                while (!search(text, start, end, rank, hits) && end < text.length()) {
                    end = Math.min(text.length(), end + Math.max(256, end - start));
                }
                searched = end;
            }
        }
        return hits;
    }

    /**
     * Adds the confirmed matches of one detector within {@code [start, end)} of the text; false, adding none, when a
     * match reaches {@code end} before the text's end.
     */
    private boolean search(String text, int start, int end, int rank, List<Hit> hits) {
        Detector detector = detectors.get(rank);
        String window = start == 0 && end == text.length() ? text : text.substring(start, end);
        Matcher matcher = detector.pattern().matcher(window);
        List<Hit> found = new ArrayList<>();
        int from = 0;
        while (from <= window.length() && matcher.find(from)) {
            if (matcher.end() == window.length() && end < text.length()) {
                return false;
            }
            int groupStart = matcher.start(detector.group());
            int at = start + groupStart;
            int until = groupStart < 0 ? -1 : detector.confirm().end(text, at, start + matcher.end(detector.group()));
            if (groupStart >= 0 && until > at) {
                found.add(new Hit(at, until, rank));
                from = Math.max(until - start, matcher.start() + 1);
            } else {
                // Not one: a shorter or later candidate may still begin inside it.
                from = matcher.start() + 1;
            }
        }
        hits.addAll(found);
        return true;
    }

    private record Hit(int start, int end, int rank) {}
}
