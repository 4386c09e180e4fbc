package io.thinkwatch.monitor.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.monitor.Category;

/**
 * The judge prompt, versioned ({@value #VERSION}: {@code monitor/judge/v1/}): a system prompt that asks for the JSON
 * answer, one definition file per built-in category, tenants' categories with the definition of their rule. A
 * change of wording is a new version directory, so a verdict names the words it was asked with.
 */
public final class JudgePrompt {

    public static final String VERSION = "v1";
    /** Longest request text put in the prompt; the reasoning and the answer go in whole. */
    static final int MAX_REQUEST_CHARS = 8_000;

    private static final String SYSTEM = resource("system");
    private static final Map<String, String> DEFINITIONS = definitions();

    private JudgePrompt() {}

    /** The built-in definition of {@code category}, or null for a tenant's own. */
    public static String definition(String category) {
        return DEFINITIONS.get(category);
    }

    public static String system() {
        return SYSTEM;
    }

    /** The user message: the categories to look for, then the request, the reasoning and the answer. */
    public static String user(Map<String, String> categories, TraceEvent trace) {
        StringBuilder text = new StringBuilder("Categories:\n");
        categories.forEach((name, definition) ->
                text.append("- ").append(definition.strip()).append('\n'));
        String request = request(trace);
        text.append("\n<request>\n").append(request).append("\n</request>\n");
        text.append("\n<reasoning>\n").append(trace.reasoningText()).append("\n</reasoning>\n");
        text.append("\n<answer>\n")
                .append(trace.answer() == null ? "" : trace.answer())
                .append("\n</answer>\n");
        return text.toString();
    }

    private static String request(TraceEvent trace) {
        if (trace.request() == null) {
            return "";
        }
        String text = trace.request().input() != null
                ? trace.request().input()
                : trace.request().messages() == null
                        ? ""
                        : trace.request().messages().toString();
        return text.length() > MAX_REQUEST_CHARS ? text.substring(text.length() - MAX_REQUEST_CHARS) : text;
    }

    private static Map<String, String> definitions() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            all.put(category.wire(), resource(category.wire()));
        }
        return Map.copyOf(all);
    }

    private static String resource(String name) {
        String path = "monitor/judge/" + VERSION + "/" + name + ".txt";
        try (InputStream in = JudgePrompt.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing judge prompt " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
