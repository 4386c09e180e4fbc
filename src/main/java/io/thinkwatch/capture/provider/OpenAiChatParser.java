package io.thinkwatch.capture.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** OpenAI Chat Completions and the OpenAI-compatible servers (DeepSeek, OpenRouter, vLLM), plain and streamed. */
public final class OpenAiChatParser implements ProviderParser {

    private final Provider provider;
    private final String deployment;
    private final ObjectMapper mapper;

    public OpenAiChatParser(Provider provider, ObjectMapper mapper) {
        this(provider, null, mapper);
    }

    /** @param deployment the model a path names (an Azure deployment), recorded when the body names none */
    public OpenAiChatParser(Provider provider, String deployment, ObjectMapper mapper) {
        this.provider = provider;
        this.deployment = deployment;
        this.mapper = mapper;
    }

    @Override
    public ProviderCall parse(JsonNode request, ResponseCopy response) {
        RequestInfo info = requestInfo(request);
        String model = Json.text(request, "model") != null ? Json.text(request, "model") : deployment;
        if (response.status() >= 400) {
            JsonNode error = readTree(new String(response.body(), StandardCharsets.UTF_8));
            return failed(model, info, errorMessage(error, response.status()));
        }
        return response.isEventStream() ? fromStream(model, info, response) : fromBody(model, info, response);
    }

    private ProviderCall fromBody(String model, RequestInfo info, ResponseCopy response) {
        JsonNode body = readTree(new String(response.body(), StandardCharsets.UTF_8));
        if (body == null) {
            return failed(model, info, response.unreadable());
        }
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        String rawFinish = Json.text(choice, "finish_reason");
        return new ProviderCall(
                        provider,
                        Api.CHAT_COMPLETIONS,
                        model,
                        Json.text(body, "model"),
                        info,
                        Json.text(message, "content"),
                        reasoningText(message),
                        finishReason(rawFinish),
                        rawFinish,
                        usage(body.path("usage")),
                        null)
                .withToolCalls(toolCalls(message));
    }

    /**
     * The tool calls of an answer's message: {@code tool_calls[]} of function ({@code function: {name, arguments}})
     * and custom tools ({@code custom: {name, input}}), or a legacy {@code function_call}.
     */
    static List<ToolCall> toolCalls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.has("custom") ? call.path("custom") : call.path("function");
            String arguments = Json.text(function, "arguments") != null
                    ? Json.text(function, "arguments")
                    : Json.text(function, "input");
            calls.add(ToolCall.of(Json.text(call, "id"), Json.text(function, "name"), arguments));
        }
        JsonNode legacy = message.path("function_call");
        if (calls.isEmpty() && legacy.isObject()) {
            calls.add(ToolCall.of(null, Json.text(legacy, "name"), Json.text(legacy, "arguments")));
        }
        return calls;
    }

    private ProviderCall fromStream(String model, RequestInfo info, ResponseCopy response) {
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String responseModel = null;
        String rawFinish = null;
        String error = null;
        Usage usage = Usage.missing();
        boolean done = false;
        Integer firstTokenOffset = null;
        ToolCallParts tools = new ToolCallParts();
        for (SseEvents.Event event : SseEvents.parse(response.body(), response.complete())) {
            if (event.dataIs("[DONE]")) {
                done = true;
                continue;
            }
            ChatChunk chunk = ChatChunk.read(mapper, event);
            if (chunk == null) {
                continue;
            }
            if (chunk.error() != null) {
                error = errorText(chunk.error(), 200);
            }
            responseModel = responseModel == null ? chunk.model() : responseModel;
            for (ChatChunk.Choice choice : chunk.choices()) {
                if (firstTokenOffset == null && (hasText(choice.content()) || hasText(choice.reasoning()))) {
                    firstTokenOffset = event.end();
                }
                append(answer, choice.content());
                append(reasoning, choice.reasoning());
                for (ChatChunk.ToolDelta tool : choice.tools()) {
                    String key = Integer.toString(tool.index());
                    tools.start(key, tool.id(), tool.name());
                    tools.append(key, tool.arguments());
                }
                rawFinish = choice.finishReason() != null ? choice.finishReason() : rawFinish;
            }
            if (chunk.usage() != null) {
                usage = usage(chunk.usage());
            }
        }
        FinishReason finish = error != null
                ? FinishReason.ERROR
                : !done && rawFinish == null ? FinishReason.ABORTED : finishReason(rawFinish);
        return new ProviderCall(
                        provider,
                        Api.CHAT_COMPLETIONS,
                        model,
                        responseModel,
                        info,
                        answer.toString(),
                        reasoning.isEmpty() ? null : reasoning.toString(),
                        finish,
                        rawFinish,
                        usage,
                        error,
                        firstTokenOffset)
                .withToolCalls(tools.calls());
    }

    private static boolean hasText(String text) {
        return text != null && !text.isEmpty();
    }

    private ProviderCall failed(String model, RequestInfo info, String error) {
        return ProviderCall.failure(provider, Api.CHAT_COMPLETIONS, model, info, error);
    }

    static RequestInfo requestInfo(JsonNode request) {
        Long maxTokens = Json.longValue(request, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = Json.longValue(request, "max_tokens");
        }
        return new RequestInfo(
                request.get("messages"),
                null,
                new RequestInfo.Params(
                        maxTokens,
                        // reasoning_effort (OpenAI, DeepSeek), or OpenRouter's reasoning: {effort, max_tokens}
                        Json.text(request, "reasoning_effort") != null
                                ? Json.text(request, "reasoning_effort")
                                : Json.text(request.path("reasoning"), "effort"),
                        Json.longValue(request.path("reasoning"), "max_tokens"),
                        request.path("temperature").isNumber()
                                ? request.get("temperature").doubleValue()
                                : null,
                        request.path("stream").asBoolean(false)));
    }

    static Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.missing();
        }
        Long output = Json.longValue(usage, "completion_tokens");
        Long reasoning = Json.longValue(usage.path("completion_tokens_details"), "reasoning_tokens");
        Long visible = output == null ? null : output - (reasoning == null ? 0 : reasoning);
        return new Usage(
                Json.longValue(usage, "prompt_tokens"),
                Json.longValue(usage.path("prompt_tokens_details"), "cached_tokens"),
                output,
                reasoning,
                visible,
                UsageSource.PROVIDER);
    }

    static FinishReason finishReason(String raw) {
        if (raw == null) {
            return FinishReason.OTHER;
        }
        return switch (raw) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "insufficient_system_resource" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }

    private static String reasoningText(JsonNode message) {
        String deepseek = Json.text(message, "reasoning_content");
        return deepseek != null ? deepseek : Json.text(message, "reasoning");
    }

    private static String errorMessage(JsonNode body, int status) {
        return errorText(body == null ? null : body.path("error"), status);
    }

    /** The message of an {@code error} object, else a generic text. */
    private static String errorText(JsonNode error, int status) {
        String message = Json.text(error, "message");
        return message != null ? message : "upstream answered HTTP " + status;
    }

    private static void append(StringBuilder target, String text) {
        if (text != null) {
            target.append(text);
        }
    }

    private JsonNode readTree(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
