package io.thinkwatch.capture;

import io.thinkwatch.model.AnthropicMessagesParser;
import io.thinkwatch.model.GeminiParser;
import io.thinkwatch.model.OpenAiChatParser;
import io.thinkwatch.model.OpenAiResponsesParser;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.ProviderParser;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Picks the parser for a recorded route. */
final class Parsers {

    private Parsers() {
    }

    /** @param pathModel the model named in the request path (Gemini), else null */
    static ProviderParser forRoute(RecordedRoute route, Provider provider, String pathModel, ObjectMapper mapper) {
        return switch (route) {
            case CHAT_COMPLETIONS -> new OpenAiChatParser(provider, mapper);
            case RESPONSES -> new OpenAiResponsesParser(provider, mapper);
            case MESSAGES -> new AnthropicMessagesParser(provider, mapper);
            case GENERATE_CONTENT -> new GeminiParser(provider, pathModel, false, mapper);
            case STREAM_GENERATE_CONTENT -> new GeminiParser(provider, pathModel, true, mapper);
        };
    }
}
