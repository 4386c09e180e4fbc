package io.thinkwatch.capture;

import java.util.Set;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;

/**
 * What capture knows of a path it forwards without recording: the upstream its shape belongs to when the
 * request names none, and its shape with ids replaced by {@code *}, under which such calls are counted.
 * A Gemini-shaped path ({@code /v1beta/...}, {@code /v1/models/{m}:countTokens}) goes to {@code gemini}, an
 * Anthropic one ({@code /v1/messages/count_tokens}) to {@code anthropic}, Vertex AI's ({@code /v1/projects/...},
 * {@code /v1beta1/...}) to {@code vertex}, Azure OpenAI's ({@code /openai/...}) to {@code azure}, Bedrock
 * Runtime's ({@code /model/...}) to {@code bedrock}; a path both could own (such as
 * {@code GET /v1/models}) follows the client's own headers, and {@code openai} is the fallback.
 */
final class UnrecordedPath {

    /** Path segments whose next segment is an id (a model, a deployment, a project ...). */
    private static final Set<String> COLLECTIONS = Set.of(
            "models",
            "tunedModels",
            "deployments",
            "projects",
            "locations",
            "files",
            "cachedContents",
            "batches",
            "operations",
            "responses",
            "threads",
            "runs",
            "assistants",
            "vector_stores",
            "corpora",
            "documents",
            "model");

    private static final int LONGEST_WORD = 40;
    /** An API version segment ({@code v1}, {@code v1beta}, {@code v1alpha2}): a word, not an id. */
    private static final Pattern VERSION = Pattern.compile("v\\d+(?:alpha|beta)?\\d*");

    private UnrecordedPath() {}

    /** The upstream a path goes to when the request names none. */
    static String upstreamFor(String path, MultiMap headers) {
        String p = withoutQuery(path);
        if (p.startsWith("/openai/")) {
            return "azure";
        }
        if (p.startsWith("/model/")) {
            return "bedrock";
        }
        if (p.startsWith("/v1beta1/") || p.startsWith("/v1/projects/") || p.startsWith("/v1/publishers/")) {
            return "vertex";
        }
        if (p.startsWith("/v1beta/")
                || p.startsWith("/v1alpha/")
                || p.equals("/v1beta")
                || p.equals("/v1alpha")
                || p.startsWith("/upload/v1beta/")
                || isGeminiMethod(p)) {
            return "gemini";
        }
        if (p.startsWith("/v1/messages/") || p.equals("/v1/complete")) {
            return "anthropic";
        }
        if (headers.contains("anthropic-version")) {
            return "anthropic";
        }
        if (headers.contains("x-goog-api-key")) {
            return "gemini";
        }
        return "openai";
    }

    /** A model method of the Gemini API: {@code /v1/models/{model}:countTokens} and the like. */
    private static boolean isGeminiMethod(String path) {
        int models = path.indexOf("/models/");
        return path.startsWith("/v1/") && models >= 0 && path.indexOf(':', models) > 0;
    }

    /**
     * The path with its query left out and every id replaced by {@code *}: a segment after a collection name, or
     * one with a digit that is not an API version. {@code /v1/models/gemini-2.5-flash:countTokens} becomes
     * {@code /v1/models/*:countTokens}.
     */
    static String shape(String path) {
        String[] segments = withoutQuery(path).split("/", -1);
        StringBuilder shape = new StringBuilder();
        String previous = "";
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            int colon = segment.lastIndexOf(':');
            boolean hasMethod = colon > 0 && isMethod(segment.substring(colon + 1));
            String name = hasMethod ? segment.substring(0, colon) : segment;
            String method = hasMethod ? segment.substring(colon) : "";
            shape.append('/')
                    .append(COLLECTIONS.contains(previous) || isId(name) ? "*" : name)
                    .append(method);
            previous = name;
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    private static boolean isId(String segment) {
        if (segment.length() > LONGEST_WORD) {
            return true;
        }
        boolean digit = false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.')) {
                return true;
            }
        }
        return digit && !VERSION.matcher(segment).matches();
    }

    /** A custom method of a Google API ({@code :countTokens}); Bedrock's {@code model-v1:0} has none. */
    private static boolean isMethod(String suffix) {
        if (suffix.isEmpty() || suffix.length() > LONGEST_WORD) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** The path without its query, with an encoded colon ({@code %3A}, as some HTTP clients send it) decoded. */
    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        return p.indexOf('%') < 0 ? p : p.replace("%3A", ":").replace("%3a", ":");
    }
}
