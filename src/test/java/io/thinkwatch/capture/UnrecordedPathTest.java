package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.MultiMap;

class UnrecordedPathTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /v1/models/gemini-2.5-flash:countTokens      |                   | gemini
            /v1/models/gemini-2.5-flash%3AcountTokens    |                   | gemini
            /v1beta/models/gemini-2.5-flash:countTokens  |                   | gemini
            /v1alpha/models/gemini-3-pro:embedContent    |                   | gemini
            /v1beta/models                               |                   | gemini
            /upload/v1beta/files                         |                   | gemini
            /v1/messages/count_tokens                    |                   | anthropic
            /v1/messages/batches                         |                   | anthropic
            /v1/models                                   | anthropic-version | anthropic
            /v1/models                                   | x-goog-api-key    | gemini
            /v1/models                                   |                   | openai
            /v1/models/gpt-5                             |                   | openai
            /v1/embeddings                               |                   | openai
            /v1/files/file-abc123/content                |                   | openai
            /v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:countTokens | | vertex
            /v1beta1/projects/p/locations/global/publishers/anthropic/models/claude-sonnet-4:rawPredict | | vertex
            /v1/publishers/google/models/gemini-2.5-flash:countTokens | x-goog-api-key | vertex
            /openai/deployments/prod-gpt/embeddings      |                   | azure
            /openai/v1/models                            |                   | azure
            /model/amazon.nova-pro-v1%3A0/invoke         |                   | bedrock
            """)
    void anUnrecordedPathGoesToTheUpstreamItsShapeBelongsTo(String path, String header, String upstream) {
        // Given a request on a path capture does not record, with perhaps a header its client always sends
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (header != null) {
            headers.add(header, "x");
        }

        // When capture picks its upstream
        String picked = UnrecordedPath.upstreamFor(path, headers);

        // Then it is the provider that serves that shape
        assertThat(picked).isEqualTo(upstream);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /v1/models/gemini-2.5-flash:countTokens?key=secret                             | /v1/models/*:countTokens
            /v1/models/gemini-2.5-pro%3AcountTokens                                        | /v1/models/*:countTokens
            /v1beta/models/gemini-2.5-flash:batchEmbedContents                            | /v1beta/models/*:batchEmbedContents
            /v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-pro:countTokens | /v1/projects/*/locations/*/publishers/google/models/*:countTokens
            /openai/deployments/prod-gpt/chat/completions                                  | /openai/deployments/*/chat/completions
            /v1/responses/resp_0123abcd/input_items                                        | /v1/responses/*/input_items
            /v1/files/file-XyZ987                                                          | /v1/files/*
            /v1/embeddings                                                                 | /v1/embeddings
            /v1/threads/thread_abc/runs/run_def                                            | /v1/threads/*/runs/*
            /model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse                     | /model/*/converse
            /                                                                              | /
            """)
    void theShapeOfAPathHasItsIdsAndQueryReplaced(String path, String shape) {
        // Given a path with ids in it (a model, a project, a response id) and perhaps a key in the query
        // When capture takes its shape
        String taken = UnrecordedPath.shape(path);

        // Then only the words of the route are left, so calls of one route are counted together
        assertThat(taken).isEqualTo(shape);
    }
}
