package io.thinkwatch.capture;

import io.thinkwatch.model.Api;

/**
 * The provider APIs capture records, each with the upstream a request goes to when it names none; other paths
 * pass unrecorded ({@link UnrecordedPath}). {@link RouteMatch#of} finds a request's route by prefix checks and
 * reads the model a path names (Gemini, Vertex AI, an Azure deployment, a Bedrock model id).
 */
enum RecordedRoute {
    CHAT_COMPLETIONS(Api.CHAT_COMPLETIONS, "openai"),
    RESPONSES(Api.RESPONSES, "openai"),
    MESSAGES(Api.MESSAGES, "anthropic"),
    /** Gemini API, {@code /v1/}, {@code /v1beta/} and {@code /v1alpha/}: Google's SDKs call each. */
    GENERATE_CONTENT(Api.GENERATE_CONTENT, "gemini"),
    STREAM_GENERATE_CONTENT(Api.GENERATE_CONTENT, "gemini"),
    /** Azure OpenAI: {@code /openai/deployments/{d}/chat/completions} and {@code /openai/v1/chat/completions}. */
    AZURE_CHAT_COMPLETIONS(Api.CHAT_COMPLETIONS, "azure"),
    AZURE_RESPONSES(Api.RESPONSES, "azure"),
    /** Gemini on Vertex AI: {@code /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent}. */
    VERTEX_GENERATE_CONTENT(Api.GENERATE_CONTENT, "vertex"),
    VERTEX_STREAM_GENERATE_CONTENT(Api.GENERATE_CONTENT, "vertex"),
    /** Amazon Bedrock Runtime: {@code /model/{modelId}/converse} and {@code /model/{modelId}/converse-stream}. */
    CONVERSE(Api.CONVERSE, "bedrock"),
    CONVERSE_STREAM(Api.CONVERSE, "bedrock"),
    /**
     * Claude on Vertex AI: {@code /v1/projects/{p}/locations/{l}/publishers/anthropic/models/{m}:rawPredict}; the
     * body and the answer are Anthropic Messages (the model named in the path, not the body).
     */
    VERTEX_RAW_PREDICT(Api.MESSAGES, "vertex"),
    VERTEX_STREAM_RAW_PREDICT(Api.MESSAGES, "vertex"),
    /**
     * Claude on Amazon Bedrock: {@code /model/{modelId}/invoke}, the body and answer Anthropic Messages;
     * {@code /invoke-with-response-stream} sends each Messages stream event in an event-stream {@code chunk} frame.
     */
    INVOKE_MODEL(Api.MESSAGES, "bedrock"),
    INVOKE_MODEL_STREAM(Api.MESSAGES, "bedrock");

    final Api api;
    /** Upstream used when the request names none. */
    final String defaultUpstream;

    RecordedRoute(Api api, String defaultUpstream) {
        this.api = api;
        this.defaultUpstream = defaultUpstream;
    }

    /** Whether a stream is what the route itself asks for (Gemini, Bedrock), not a field of the body. */
    boolean streams() {
        return this == STREAM_GENERATE_CONTENT
                || this == VERTEX_STREAM_GENERATE_CONTENT
                || this == CONVERSE_STREAM
                || this == VERTEX_STREAM_RAW_PREDICT
                || this == INVOKE_MODEL_STREAM;
    }

    /** An OpenAI Chat Completions route, where capture may ask for stream usage ({@link StreamUsage}). */
    boolean isChatCompletions() {
        return this == CHAT_COMPLETIONS || this == AZURE_CHAT_COMPLETIONS;
    }
}
