import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import io.thinkwatch.redaction.BuiltIn;
import io.thinkwatch.redaction.Counts;
import io.thinkwatch.redaction.Detector;
import io.thinkwatch.redaction.Policy;
import io.thinkwatch.redaction.RedactionMode;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The cost of redaction per KB of prompt text, on one thread, for a realistic prompt of a few KB (prose, code, JSON,
 * a log excerpt, one key and one address) and for one of 200 KB, with every built-in detector in mask mode. Also
 * measured: 200 KB of near-misses for every detector (the hostile prompt of PolicyTest), and, to choose the design,
 * the same detectors searching the whole text (no reach) and one combined RE2 pass of all patterns (its search
 * alone, before any confirmation). Numbers depend on the machine and its load: compare within one run.
 *   ./mvnw -B -q compile
 *   java -cp target/classes:$HOME/.m2/repository/com/google/re2j/re2j/1.8/re2j-1.8.jar deploy/bench/RedactionCost.java
 */
public class RedactionCost {

    static final String PROSE = "The planner compares the two depots before it commits to a route. Depot B is closer "
            + "to the river crossing, but the bridge closes at 22:00 on weekdays, so the 41 minute estimate only holds "
            + "before then. Revenue grew 12 percent quarter over quarter; the enterprise tier drove most of it. ";
    static final String CODE = "def shortest(graph, start):\n    dist = {start: 0}\n    queue = [(0, start)]\n"
            + "    while queue:\n        d, node = heapq.heappop(queue)\n        for nxt, w in graph[node]:\n"
            + "            if d + w < dist.get(nxt, 1e18):\n                dist[nxt] = d + w\n"
            + "                heapq.heappush(queue, (d + w, nxt))\n    return dist\n";
    static final String JSON = "{\"order\":48213,\"items\":[{\"sku\":\"A-1193\",\"qty\":2,\"price\":19.99},"
            + "{\"sku\":\"B-2207\",\"qty\":1,\"price\":249.00}],\"version\":\"3.11.4\",\"created\":\"2026-12-06T20:35:13Z\"}\n";
    static final String LOG = "2026-12-06 20:35:13.402 INFO  [pool-3] request 550e8400-e29b-41d4-a716-446655440000 "
            + "from 10.0.12.7 took 183 ms (status 200, 4096 bytes)\n";
    static final String SECRETS = "Use the key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3i and write to "
            + "maria.gonzalez@example.com when done.\n";

    public static void main(String[] args) {
        String few = realistic(4 * 1024);
        String large = realistic(200 * 1024);
        String hostile = hostile(200 * 1024);
        List<Detector> all =
                Arrays.stream(BuiltIn.values()).map(BuiltIn::detector).toList();
        Policy policy = new Policy(RedactionMode.MASK, all, null);
        Policy noClues = new Policy(
                RedactionMode.MASK, all.stream().map(Detector::everywhere).toList(), null);
        StringJoiner alternation = new StringJoiner("|");
        all.forEach(d -> alternation.add("(?:" + d.pattern().pattern() + ")"));
        Pattern combined = Pattern.compile(alternation.toString());

        System.out.printf(
                Locale.ROOT,
                "| text | detectors as shipped | searching whole texts | one combined pass (search only) |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | --- | --- |%n");
        for (String text : List.of(few, large, hostile)) {
            double shipped = perKb(text, () -> policy.redact(text, new Counts()));
            double unclued = perKb(text, () -> noClues.redact(text, new Counts()));
            double one = perKb(text, () -> {
                Matcher m = combined.matcher(text);
                int n = 0;
                while (m.find()) {
                    n++;
                }
                return String.valueOf(n);
            });
            System.out.printf(
                    Locale.ROOT,
                    "| %s%d KB | %.1f µs/KB (%.2f ms per text) | %.1f µs/KB | %.1f µs/KB |%n",
                    text == hostile ? "hostile, " : "",
                    text.length() / 1024,
                    shipped,
                    shipped * text.length() / 1024 / 1000,
                    unclued,
                    one);
        }
    }

    /** A prompt of about {@code size} characters: prose, code, JSON, logs, and secrets once every 4 KB. */
    static String realistic(int size) {
        StringBuilder text = new StringBuilder(size + 1024);
        int secrets = 0;
        while (text.length() < size) {
            text.append(PROSE)
                    .append(PROSE)
                    .append(CODE)
                    .append(JSON)
                    .append(LOG)
                    .append(LOG)
                    .append(PROSE);
            if (text.length() / 4096 >= secrets) {
                text.append(SECRETS);
                secrets++;
            }
        }
        return text.toString();
    }

    /** About {@code size} characters of near-misses for every detector: clues, digits and separators, nothing real. */
    static String hostile(int size) {
        String[] nearMisses = {
            "sk-",
            "AKIA",
            "eyJ",
            "a@b",
            "-----BEGIN PRIVATE",
            "Bearer ",
            "4111 1111 1111 111",
            "+1 ",
            "0 1 2 3 ",
            "DE89 ",
            "xoxb-",
            "ghp_",
            "sk_live_",
            "AIza",
            "(415) 55",
            "1-2-3-4-5-6-7-8-9 "
        };
        StringBuilder text = new StringBuilder(size + 64);
        for (int i = 0; text.length() < size; i++) {
            text.append(nearMisses[i % nearMisses.length]);
        }
        return text.toString();
    }

    /** Median microseconds per KB over rounds of about 200 ms, after 2 s of warm-up. */
    static double perKb(String text, java.util.function.Supplier<String> work) {
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            work.get();
        }
        List<Double> rounds = new ArrayList<>();
        for (int r = 0; r < 15; r++) {
            long start = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - start < 200_000_000L) {
                if (work.get().isEmpty()) {
                    throw new IllegalStateException();
                }
                n++;
            }
            rounds.add((System.nanoTime() - start) / 1000.0 / n / (text.length() / 1024.0));
        }
        rounds.sort(Double::compare);
        return rounds.get(rounds.size() / 2);
    }
}
