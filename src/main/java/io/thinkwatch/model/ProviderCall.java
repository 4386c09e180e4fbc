package io.thinkwatch.model;

/** What a provider parser read from one request and its response, before derived fields are computed. */
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
        String error) {

    /** The same call, ended because the client hung up. */
    public ProviderCall aborted() {
        return new ProviderCall(provider, api, model, responseModel, request, answer, reasoningText,
                FinishReason.ABORTED, rawFinishReason, usage, error);
    }

    /** The same call, ended by a failure on the way from the provider (connection lost, timeout). */
    public ProviderCall failed(String reason) {
        return new ProviderCall(provider, api, model, responseModel, request, answer, reasoningText,
                FinishReason.ERROR, rawFinishReason, usage, reason);
    }
}
