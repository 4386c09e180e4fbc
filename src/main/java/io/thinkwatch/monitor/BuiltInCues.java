package io.thinkwatch.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The built-in categories' cues, read once from {@code src/main/resources/monitor/cues.txt}: a file a reviewer
 * can read and argue with. Each line is {@code category name weight flags pattern}; {@code flags} is {@code -}
 * or a comma list of {@code fp} (first person) and {@code neg} (negatable); {@code @NAME pattern} defines a
 * fragment that later patterns use as {@code {NAME}}; {@code #} starts a comment.
 */
public final class BuiltInCues {

    static final String RESOURCE = "/monitor/cues.txt";

    private static final java.util.regex.Pattern FRAGMENT = java.util.regex.Pattern.compile("\\{([A-Z_]+)\\}");

    /** Every built-in cue, in file order. */
    public static final List<Cue> ALL = load();

    private BuiltInCues() {}

    private static List<Cue> load() {
        try (InputStream in = BuiltInCues.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is part of the application");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
    }

    static List<Cue> parse(String file) {
        Map<String, String> fragments = new HashMap<>();
        List<Cue> cues = new ArrayList<>();
        int number = 0;
        for (String line : file.split("\n", -1)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("@")) {
                String[] parts = text.substring(1).split("\\s+", 2);
                fragments.put(parts[0], expand(parts[1], fragments, number));
                continue;
            }
            String[] parts = text.split("\\s+", 5);
            if (parts.length < 5 || Category.fromWire(parts[0]) == null) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": category name weight flags pattern");
            }
            List<String> flags = List.of(parts[3].split(","));
            cues.add(Cue.of(
                    parts[0],
                    parts[1],
                    Double.parseDouble(parts[2]),
                    expand(parts[4], fragments, number),
                    flags.contains("fp"),
                    flags.contains("neg")));
        }
        return List.copyOf(cues);
    }

    private static String expand(String pattern, Map<String, String> fragments, int number) {
        Matcher matcher = FRAGMENT.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String fragment = fragments.get(matcher.group(1));
            if (fragment == null) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": no fragment " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement("(?:" + fragment + ")"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
