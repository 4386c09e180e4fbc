package io.thinkwatch.capture;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The recorded route of a request path, and the model the path names (null where the body names it). Runs on
 * every proxied call, so it is a few prefix checks and no regular expression; an id segment is percent-decoded
 * only when it holds a {@code %} (clients encode the colon of {@code model:method} and of Bedrock's
 * {@code ...-v1:0}).
 */
record RouteMatch(RecordedRoute route, String pathModel) {

    private static final String GOOGLE_MODELS = "publishers/google/models/";
    private static final String ANTHROPIC_MODELS = "publishers/anthropic/models/";

    /** The route of a path (without its query), or null when capture does not record it. */
    static RouteMatch of(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        RecordedRoute exact = switch (p) {
            case "/v1/chat/completions" -> RecordedRoute.CHAT_COMPLETIONS;
            case "/v1/responses" -> RecordedRoute.RESPONSES;
            case "/v1/messages" -> RecordedRoute.MESSAGES;
            default -> null;
        };
        if (exact != null) {
            return new RouteMatch(exact, null);
        }
        if (p.startsWith("/openai/")) {
            return azure(p.substring("/openai/".length()));
        }
        if (p.startsWith("/model/")) {
            return bedrock(p.substring("/model/".length()));
        }
        if (p.startsWith("/v1")) {
            return google(p);
        }
        return null;
    }

    /** {@code deployments/{d}/chat/completions}, {@code deployments/{d}/responses}, {@code v1/...}, {@code responses}. */
    private static RouteMatch azure(String rest) {
        RecordedRoute v1 = switch (rest) {
            case "v1/chat/completions" -> RecordedRoute.AZURE_CHAT_COMPLETIONS;
            case "v1/responses", "responses" -> RecordedRoute.AZURE_RESPONSES;
            default -> null;
        };
        if (v1 != null) {
            return new RouteMatch(v1, null);
        }
        if (!rest.startsWith("deployments/")) {
            return null;
        }
        int start = "deployments/".length();
        int slash = rest.indexOf('/', start);
        if (slash <= start) {
            return null;
        }
        String tail = rest.substring(slash + 1);
        RecordedRoute route = tail.equals("chat/completions")
                ? RecordedRoute.AZURE_CHAT_COMPLETIONS
                : tail.equals("responses") ? RecordedRoute.AZURE_RESPONSES : null;
        String deployment = decoded(rest.substring(start, slash));
        return route == null || deployment == null ? null : new RouteMatch(route, deployment);
    }

    /**
     * {@code {modelId}/converse} and {@code {modelId}/converse-stream}; the id may be an encoded ARN. InvokeModel
     * ({@code /invoke}, {@code /invoke-with-response-stream}) is recorded for Anthropic models only (an id naming
     * {@code anthropic}), whose bodies are Anthropic Messages; other makers' bodies pass unrecorded.
     */
    private static RouteMatch bedrock(String rest) {
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        String action = rest.substring(slash + 1);
        RecordedRoute route = switch (action) {
            case "converse" -> RecordedRoute.CONVERSE;
            case "converse-stream" -> RecordedRoute.CONVERSE_STREAM;
            case "invoke" -> RecordedRoute.INVOKE_MODEL;
            case "invoke-with-response-stream" -> RecordedRoute.INVOKE_MODEL_STREAM;
            default -> null;
        };
        String model = route == null ? null : decoded(rest.substring(0, slash));
        if (model != null
                && (route == RecordedRoute.INVOKE_MODEL || route == RecordedRoute.INVOKE_MODEL_STREAM)
                && !model.contains("anthropic")) {
            return null;
        }
        // an ARN (an inference profile) has slashes of its own; the SDKs encode them, and either way the last
        // segment is the action
        return model == null || model.isEmpty() ? null : new RouteMatch(route, model);
    }

    /** The Gemini API ({@code /v1|v1beta|v1alpha/models/...}) and Gemini on Vertex AI ({@code /v1|v1beta1/...}). */
    private static RouteMatch google(String path) {
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            return null;
        }
        String version = path.substring(1, slash);
        String rest = path.substring(slash + 1);
        boolean gemini = version.equals("v1") || version.equals("v1beta") || version.equals("v1alpha");
        boolean vertex = version.equals("v1") || version.equals("v1beta1");
        if (gemini && rest.startsWith("models/")) {
            return method(
                    rest.substring("models/".length()),
                    RecordedRoute.GENERATE_CONTENT,
                    RecordedRoute.STREAM_GENERATE_CONTENT);
        }
        if (!vertex) {
            return null;
        }
        if (rest.startsWith(GOOGLE_MODELS)) {
            // Vertex AI express mode: an API key instead of a project
            return vertexMethod(rest.substring(GOOGLE_MODELS.length()));
        }
        if (!rest.startsWith("projects/")) {
            return null;
        }
        int locations = rest.indexOf('/', "projects/".length());
        if (locations < 0 || !rest.startsWith("locations/", locations + 1)) {
            return null;
        }
        int publishers = rest.indexOf('/', locations + 1 + "locations/".length());
        if (publishers >= 0 && rest.startsWith(ANTHROPIC_MODELS, publishers + 1)) {
            return method(
                    rest.substring(publishers + 1 + ANTHROPIC_MODELS.length()),
                    "rawPredict",
                    RecordedRoute.VERTEX_RAW_PREDICT,
                    "streamRawPredict",
                    RecordedRoute.VERTEX_STREAM_RAW_PREDICT);
        }
        if (publishers < 0 || !rest.startsWith(GOOGLE_MODELS, publishers + 1)) {
            return null;
        }
        return vertexMethod(rest.substring(publishers + 1 + GOOGLE_MODELS.length()));
    }

    private static RouteMatch vertexMethod(String modelAndMethod) {
        return method(
                modelAndMethod, RecordedRoute.VERTEX_GENERATE_CONTENT, RecordedRoute.VERTEX_STREAM_GENERATE_CONTENT);
    }

    /** {@code {model}:generateContent} or {@code {model}:streamGenerateContent}, the colon perhaps encoded. */
    private static RouteMatch method(String modelAndMethod, RecordedRoute plain, RecordedRoute stream) {
        return method(modelAndMethod, "generateContent", plain, "streamGenerateContent", stream);
    }

    /** {@code {model}:{plainMethod}} or {@code {model}:{streamMethod}}, the colon perhaps encoded. */
    private static RouteMatch method(
            String modelAndMethod, String plainMethod, RecordedRoute plain, String streamMethod, RecordedRoute stream) {
        String segment = decoded(modelAndMethod);
        if (segment == null || segment.indexOf('/') >= 0) {
            return null;
        }
        int colon = segment.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String method = segment.substring(colon + 1);
        RecordedRoute route = method.equals(plainMethod) ? plain : method.equals(streamMethod) ? stream : null;
        return route == null ? null : new RouteMatch(route, segment.substring(0, colon));
    }

    /** The segment percent-decoded (a {@code +} stays itself, as in a path), or null when it is not valid. */
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
