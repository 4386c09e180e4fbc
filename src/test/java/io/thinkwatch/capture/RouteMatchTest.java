package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteMatchTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            /v1/chat/completions                                                   | CHAT_COMPLETIONS               | -
            /v1/chat/completions/                                                  | CHAT_COMPLETIONS               | -
            /v1/responses                                                          | RESPONSES                      | -
            /v1/messages                                                           | MESSAGES                       | -
            /v1/models/gemini-2.5-flash:generateContent                            | GENERATE_CONTENT               | gemini-2.5-flash
            /v1beta/models/gemini-2.5-flash:streamGenerateContent                  | STREAM_GENERATE_CONTENT        | gemini-2.5-flash
            /v1alpha/models/gemini-3-pro-preview%3AgenerateContent                 | GENERATE_CONTENT               | gemini-3-pro-preview
            /openai/deployments/prod-o4/chat/completions                           | AZURE_CHAT_COMPLETIONS         | prod-o4
            /openai/deployments/prod%20o4/responses                                | AZURE_RESPONSES                | prod o4
            /openai/responses                                                      | AZURE_RESPONSES                | -
            /openai/v1/chat/completions                                            | AZURE_CHAT_COMPLETIONS         | -
            /openai/v1/responses                                                   | AZURE_RESPONSES                | -
            /v1/projects/acme/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent | VERTEX_GENERATE_CONTENT | gemini-2.5-pro
            /v1beta1/projects/acme/locations/global/publishers/google/models/gemini-2.5-pro:streamGenerateContent | VERTEX_STREAM_GENERATE_CONTENT | gemini-2.5-pro
            /v1/publishers/google/models/gemini-2.5-flash:generateContent          | VERTEX_GENERATE_CONTENT        | gemini-2.5-flash
            /model/anthropic.claude-sonnet-4-20250514-v1%3A0/converse              | CONVERSE                       | anthropic.claude-sonnet-4-20250514-v1:0
            /model/us.amazon.nova-pro-v1:0/converse-stream                         | CONVERSE_STREAM                | us.amazon.nova-pro-v1:0
            /v1/projects/acme/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict | VERTEX_RAW_PREDICT | claude-sonnet-4@20250514
            /v1/projects/acme/locations/global/publishers/anthropic/models/claude-opus-4-1%3AstreamRawPredict | VERTEX_STREAM_RAW_PREDICT | claude-opus-4-1
            /model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke             | INVOKE_MODEL                   | us.anthropic.claude-sonnet-4-20250514-v1:0
            /model/anthropic.claude-3-7-sonnet-20250219-v1:0/invoke-with-response-stream | INVOKE_MODEL_STREAM | anthropic.claude-3-7-sonnet-20250219-v1:0
            /model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse | CONVERSE | arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0
            """)
    void aRecordedPathNamesItsRouteAndModel(String path, RecordedRoute route, String model) {
        // Given a path a client of one of the providers' APIs calls
        // When capture matches it
        RouteMatch match = RouteMatch.of(path);

        // Then it is recorded on its route, with the model the path names
        assertThat(match).isEqualTo(new RouteMatch(route, model));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/v1/models",
                "/v1/embeddings",
                "/v1/chat/completionsX",
                "/v1/models/gemini-2.5-flash:countTokens",
                "/v1/models/:generateContent",
                "/v1/models/a/b:generateContent",
                "/v1beta1/models/gemini-2.5-flash:generateContent",
                "/v1beta/projects/p/locations/l/publishers/google/models/m:generateContent",
                "/v1/projects/p/locations/l/publishers/anthropic/models/claude:predict",
                "/v1/projects/p/locations/l/publishers/anthropic/models/claude:countTokens",
                "/model/meta.llama3-70b-instruct-v1:0/invoke-with-response-stream",
                "/v1/projects/p/publishers/google/models/m:generateContent",
                "/openai/deployments/d/embeddings",
                "/openai/deployments//chat/completions",
                "/model/amazon.nova-pro-v1:0/invoke",
                "/model//converse",
                "/model/%zz/converse",
                "/v1/messages/count_tokens"
            })
    void otherPathsAreNotRecorded(String path) {
        // Given a path of no recorded route (another method, a near miss, a bad encoding)
        // When capture matches it
        // Then it passes unrecorded
        assertThat(RouteMatch.of(path)).isNull();
    }
}
