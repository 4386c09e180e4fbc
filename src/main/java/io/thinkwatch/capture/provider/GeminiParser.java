package io.thinkwatch.capture.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Google Gemini {@code generateContent} and {@code streamGenerateContent} (SSE with {@code ?alt=sse}, else a
 * JSON array that grows as it streams). The model is in the URL, not the body. Thought parts are the
 * visible reasoning, and thoughts are counted beside the candidates, so they are added to the output.
 */
public final class GeminiParser implements ProviderParser {

    private final Provider provider;
    private final String model;
    private final boolean stream;
    private final ObjectMapper mapper;

    /**
     * @param model the model named in the request path
     * @param stream whether the route was {@code streamGenerateContent}
     */
    public GeminiParser(Provider provider, String model, boolean stream, ObjectMapper mapper) {
        this.provider = provider;
        this.model = model;
        this.stream = stream;
        this.mapper = mapper;
    }

    @Override
    public ProviderCall parse(JsonNode request, ResponseCopy response) {
        RequestInfo info = requestInfo(request, stream);
        if (response.status() >= 400) {
            JsonNode error = ParserSupport.object(mapper, response.body());
            if (error == null) {
                // a streamed error may come as a one-element array
                error = elements(response.body()).stream()
                        .findFirst()
                        .map(GeminiChunks.Chunk::json)
                        .orElse(null);
            }
            return GeminiChunks.failed(provider, model, info, ParserSupport.errorMessage(error, response.status()));
        }
        List<GeminiChunks.Chunk> chunks = new ArrayList<>();
        if (response.isEventStream()) {
            for (SseEvents.Event event : SseEvents.parse(response.body(), response.complete())) {
                JsonNode data = ParserSupport.object(mapper, event);
                if (data != null) {
                    chunks.add(new GeminiChunks.Chunk(data, event.end()));
                }
            }
        } else if (stream) {
            chunks.addAll(elements(response.body()));
        } else {
            JsonNode body = ParserSupport.object(mapper, response.body());
            if (body == null) {
                return GeminiChunks.failed(provider, model, info, response.unreadable());
            }
            chunks.add(new GeminiChunks.Chunk(body, null));
        }
        return new GeminiChunks(provider, model, info).read(chunks, stream, response.complete());
    }

    /** The whole objects of a JSON array stream, as far as it got; a cut-off last element is left out. */
    private List<GeminiChunks.Chunk> elements(byte[] body) {
        List<GeminiChunks.Chunk> chunks = new ArrayList<>();
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return chunks;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode node = mapper.readTree(parser);
                chunks.add(new GeminiChunks.Chunk(
                        node, (int) parser.currentLocation().getByteOffset()));
            }
        } catch (IOException e) {
            // garbage or a cut-off element: keep what was whole
        }
        return chunks;
    }

    static RequestInfo requestInfo(JsonNode request, boolean stream) {
        JsonNode config = request.path("generationConfig");
        JsonNode thinking = config.path("thinkingConfig");
        return new RequestInfo(
                request.get("contents"),
                null,
                new RequestInfo.Params(
                        Json.longValue(config, "maxOutputTokens"),
                        Json.text(thinking, "thinkingLevel"),
                        Json.longValue(thinking, "thinkingBudget"),
                        ParserSupport.doubleValue(config, "temperature"),
                        stream));
    }
}
