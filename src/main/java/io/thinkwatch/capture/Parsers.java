package io.thinkwatch.capture;

import io.thinkwatch.model.OpenAiChatParser;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.ProviderParser;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Picks the parser for a recorded route. */
final class Parsers {

    private Parsers() {
    }

    static ProviderParser forRoute(RecordedRoute route, Provider provider, ObjectMapper mapper) {
        return switch (route) {
            case CHAT_COMPLETIONS -> new OpenAiChatParser(provider, mapper);
        };
    }
}
