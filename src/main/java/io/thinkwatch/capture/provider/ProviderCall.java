package io.thinkwatch.capture.provider;

import java.util.List;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.Usage;

/**
 * What a provider parser read from one request and its response, before derived fields are computed.
 *
 * @param firstTokenOffset for a streamed answer, the byte offset in the response body by which the first
 *        visible token (answer or reasoning text) had arrived; null when not streamed or nothing was shown
 * @param encryptedReasoningBytes the size of the reasoning the provider sent encrypted or redacted (OpenAI's
 *        {@code encrypted_content}, Anthropic's {@code redacted_thinking}, Bedrock's {@code redactedContent}), as
 *        sent; its content is never kept. Null when there was none.
 * @param toolCalls the tool calls the model made, in order; empty when none
 */
public record ProviderCall(
        Provider provider,
        Api api,
        String model,
        String responseModel,
        RequestInfo request,
        String answer,
        String reasoningText,
        FinishReason finishReason,
        String rawFinishReason,
        Usage usage,
        String error,
        Integer firstTokenOffset,
        Long encryptedReasoningBytes,
        List<ToolCall> toolCalls) {

    public ProviderCall {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A call without tool calls. */
    public ProviderCall(
            Provider provider,
            Api api,
            String model,
            String responseModel,
            RequestInfo request,
            String answer,
            String reasoningText,
            FinishReason finishReason,
            String rawFinishReason,
            Usage usage,
            String error,
            Integer firstTokenOffset,
            Long encryptedReasoningBytes) {
        this(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                finishReason,
                rawFinishReason,
                usage,
                error,
                firstTokenOffset,
                encryptedReasoningBytes,
                List.of());
    }

    /** A call without encrypted reasoning. */
    public ProviderCall(
            Provider provider,
            Api api,
            String model,
            String responseModel,
            RequestInfo request,
            String answer,
            String reasoningText,
            FinishReason finishReason,
            String rawFinishReason,
            Usage usage,
            String error,
            Integer firstTokenOffset) {
        this(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                finishReason,
                rawFinishReason,
                usage,
                error,
                firstTokenOffset,
                null);
    }

    /** A call whose first-token position is unknown (a plain, non-streamed answer). */
    public ProviderCall(
            Provider provider,
            Api api,
            String model,
            String responseModel,
            RequestInfo request,
            String answer,
            String reasoningText,
            FinishReason finishReason,
            String rawFinishReason,
            Usage usage,
            String error) {
        this(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                finishReason,
                rawFinishReason,
                usage,
                error,
                null);
    }

    /** A call without an answer: the provider refused it, or what it sent could not be read. */
    public static ProviderCall failure(Provider provider, Api api, String model, RequestInfo request, String error) {
        return new ProviderCall(
                provider, api, model, null, request, null, null, FinishReason.ERROR, null, Usage.missing(), error);
    }

    /** The same call, ended because the client hung up. */
    public ProviderCall aborted() {
        return new ProviderCall(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                FinishReason.ABORTED,
                rawFinishReason,
                usage,
                error,
                firstTokenOffset,
                encryptedReasoningBytes,
                toolCalls);
    }

    /** The same call, ended by a failure on the way from the provider (connection lost, timeout). */
    public ProviderCall failed(String reason) {
        return new ProviderCall(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                FinishReason.ERROR,
                rawFinishReason,
                usage,
                reason,
                firstTokenOffset,
                encryptedReasoningBytes,
                toolCalls);
    }

    /** The same call with the size of the encrypted reasoning it held (null: none). */
    public ProviderCall withEncryptedReasoning(Long bytes) {
        return new ProviderCall(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                finishReason,
                rawFinishReason,
                usage,
                error,
                firstTokenOffset,
                bytes,
                toolCalls);
    }

    /** The same call with these tool calls. */
    public ProviderCall withToolCalls(List<ToolCall> calls) {
        return new ProviderCall(
                provider,
                api,
                model,
                responseModel,
                request,
                answer,
                reasoningText,
                finishReason,
                rawFinishReason,
                usage,
                error,
                firstTokenOffset,
                encryptedReasoningBytes,
                calls);
    }
}
