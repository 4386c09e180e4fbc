package io.thinkwatch.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The labelled reasoning traces of {@code src/test/resources/monitor-corpus} (its README gives the format). */
public final class MonitorCorpus {

    /** The label of a trace in which nothing is wrong. */
    public static final String BENIGN = "benign";

    /** One labelled trace; {@code shape} is openai, anthropic, gemini or deepseek. */
    public record Trace(String id, String shape, String label, String reasoning, String answer) {}

    private MonitorCorpus() {}

    /** The traces of one split: {@code train} or {@code unseen}. */
    public static List<Trace> load(String split) {
        String resource = "/monitor-corpus/" + split + ".txt";
        try (InputStream in = MonitorCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus split " + split);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Trace> parse(String text) {
        List<Trace> traces = new ArrayList<>();
        String[] header = null;
        StringBuilder reasoning = new StringBuilder();
        StringBuilder answer = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                add(traces, header, reasoning, answer);
                header = line.substring(4).split("\\s*\\|\\s*");
                reasoning = new StringBuilder();
                answer = null;
            } else if (line.equals("--- answer")) {
                answer = new StringBuilder();
            } else if (header != null) {
                (answer == null ? reasoning : answer).append(line).append('\n');
            }
        }
        add(traces, header, reasoning, answer);
        return List.copyOf(traces);
    }

    private static void add(List<Trace> traces, String[] header, StringBuilder reasoning, StringBuilder answer) {
        if (header == null) {
            return;
        }
        traces.add(new Trace(
                header[0].strip(),
                header[1].strip(),
                header[2].strip(),
                reasoning.toString().strip(),
                answer == null ? null : answer.toString().strip()));
    }

    /** Precision and recall of one category over a set of (label, predicted) pairs. */
    public record Quality(String category, int support, int truePositives, int falsePositives, int falseNegatives) {

        public double precision() {
            int flagged = truePositives + falsePositives;
            return flagged == 0 ? 1.0 : (double) truePositives / flagged;
        }

        public double recall() {
            return support == 0 ? 1.0 : (double) truePositives / support;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-29s n=%3d tp=%3d fp=%2d fn=%2d precision %.2f recall %.2f",
                    category,
                    support,
                    truePositives,
                    falsePositives,
                    falseNegatives,
                    precision(),
                    recall());
        }
    }

    /**
     * Per category: a trace is a true positive when the judge flags it with its label's category, a false
     * positive of the category it was flagged with otherwise (benign or another category).
     *
     * @param predicted the judge's category per trace id, null when not flagged
     */
    public static Map<String, Quality> quality(List<Trace> traces, Map<String, String> predicted) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Category category : Category.values()) {
            counts.put(category.wire(), new int[3]);
        }
        for (Trace trace : traces) {
            String guess = predicted.get(trace.id());
            if (!trace.label().equals(BENIGN)) {
                int[] c = counts.computeIfAbsent(trace.label(), k -> new int[3]);
                c[0]++;
                if (trace.label().equals(guess)) {
                    c[1]++;
                }
            }
            if (guess != null && !guess.equals(trace.label())) {
                counts.computeIfAbsent(guess, k -> new int[3])[2]++;
            }
        }
        Map<String, Quality> quality = new TreeMap<>();
        counts.forEach((category, c) -> quality.put(category, new Quality(category, c[0], c[1], c[2], c[0] - c[1])));
        return quality;
    }
}
