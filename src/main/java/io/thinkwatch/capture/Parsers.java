package io.thinkwatch.capture;

import io.thinkwatch.capture.provider.AnthropicMessagesParser;
import io.thinkwatch.capture.provider.BedrockConverseParser;
import io.thinkwatch.capture.provider.GeminiParser;
import io.thinkwatch.capture.provider.OpenAiChatParser;
import io.thinkwatch.capture.provider.OpenAiResponsesParser;
import io.thinkwatch.capture.provider.ProviderParser;
import io.thinkwatch.model.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Picks the parser for a recorded route. */
final class Parsers {

    private Parsers() {}

    /** @param pathModel the model named in the request path (Gemini, Vertex AI, Bedrock, an Azure deployment), else null */
    static ProviderParser forRoute(RecordedRoute route, Provider provider, String pathModel, ObjectMapper mapper) {
        return switch (route) {
            case CHAT_COMPLETIONS -> new OpenAiChatParser(provider, mapper);
            case RESPONSES -> new OpenAiResponsesParser(provider, mapper);
            case MESSAGES -> new AnthropicMessagesParser(provider, mapper);
            case GENERATE_CONTENT, VERTEX_GENERATE_CONTENT -> new GeminiParser(provider, pathModel, false, mapper);
            case STREAM_GENERATE_CONTENT, VERTEX_STREAM_GENERATE_CONTENT ->
                new GeminiParser(provider, pathModel, true, mapper);
            case AZURE_CHAT_COMPLETIONS -> new OpenAiChatParser(provider, pathModel, mapper);
            case AZURE_RESPONSES -> new OpenAiResponsesParser(provider, pathModel, mapper);
            case CONVERSE -> new BedrockConverseParser(provider, pathModel, false, mapper);
            case CONVERSE_STREAM -> new BedrockConverseParser(provider, pathModel, true, mapper);
            // Claude on Vertex AI is Anthropic's wire format whatever the vertex upstream's provider (gemini)
            case VERTEX_RAW_PREDICT, VERTEX_STREAM_RAW_PREDICT ->
                new AnthropicMessagesParser(Provider.ANTHROPIC, pathModel, mapper);
            case INVOKE_MODEL, INVOKE_MODEL_STREAM -> new AnthropicMessagesParser(provider, pathModel, mapper);
        };
    }
}
