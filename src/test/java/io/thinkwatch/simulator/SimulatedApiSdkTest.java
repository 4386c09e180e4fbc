package io.thinkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;

/**
 * The simulator's bodies and stream events read with the official SDKs' own models and strict validation, so
 * an application's SDK can use the simulator as it would use the provider (the API tests through capture
 * use recorded fixtures, so nothing else checks the simulator's shapes).
 */
class SimulatedApiSdkTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SimulatedCall ANSWERED =
            new SimulatedCall("id1", "o3", "Route B is shorter. ", "Weighing the routes.", false, 12, 300, 6, null);
    private static final SimulatedCall TRUNCATED =
            new SimulatedCall("id2", "o3", "", "Weighing the routes.", true, 12, 2048, 0, null);

    @Test
    void chatCompletionAsTheOpenAiSdkReadsIt() throws Exception {
        ChatCompletion completion = openAi(
                        SimulatedApi.CHAT.body(ANSWERED, MAPPER).toString(), ChatCompletion.class)
                .validate();

        assertThat(completion.choices().get(0).message().content()).contains("Route B is shorter. ");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(306);
    }

    @Test
    void chatStreamAsTheOpenAiSdkAccumulatesIt() throws Exception {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (String data : data(SimulatedApi.CHAT.events(
                ANSWERED, MAPPER.readTree("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), MAPPER))) {
            accumulator.accumulate(openAi(data, ChatCompletionChunk.class).validate());
        }
        ChatCompletion completion = accumulator.chatCompletion().validate();

        assertThat(completion.choices().get(0).message().content()).contains("Route B is shorter. ");
        assertThat(completion
                        .usage()
                        .orElseThrow()
                        .completionTokensDetails()
                        .orElseThrow()
                        .reasoningTokens())
                .contains(300L);
    }

    @Test
    void responseAsTheOpenAiSdkReadsIt() throws Exception {
        Response response = openAi(SimulatedApi.RESPONSES.body(ANSWERED, MAPPER).toString(), Response.class)
                .validate();

        assertThat(outputText(response)).isEqualTo("Route B is shorter. ");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens())
                .isEqualTo(300);
    }

    @Test
    void truncatedResponseAsTheOpenAiSdkReadsIt() throws Exception {
        Response response = openAi(
                        SimulatedApi.RESPONSES.body(TRUNCATED, MAPPER).toString(), Response.class)
                .validate();

        assertThat(outputText(response)).isEmpty();
        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
    }

    @Test
    void responseStreamAsTheOpenAiSdkAccumulatesIt() throws Exception {
        for (SimulatedCall call : List.of(ANSWERED, TRUNCATED)) {
            ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
            StringBuilder deltas = new StringBuilder();
            for (String data :
                    data(SimulatedApi.RESPONSES.events(call, MAPPER.readTree("{\"stream\":true}"), MAPPER))) {
                ResponseStreamEvent event = accumulator.accumulate(
                        openAi(data, ResponseStreamEvent.class).validate());
                event.outputTextDelta().ifPresent(delta -> deltas.append(delta.delta()));
                if (event.isOutputTextDelta()) {
                    assertThat(accumulator.snapshot().map(SimulatedApiSdkTest::outputText))
                            .as("text so far")
                            .contains(deltas.toString());
                }
            }

            assertThat(deltas.toString()).isEqualTo(call.answer());
            assertThat(outputText(accumulator.response().validate())).isEqualTo(call.answer());
            assertThat(outputText(accumulator.reconstructedResponse().validate()))
                    .isEqualTo(call.answer());
        }
    }

    @Test
    void messageAsTheAnthropicSdkReadsIt() throws Exception {
        Message message = anthropic(SimulatedApi.MESSAGES.body(ANSWERED, MAPPER).toString(), Message.class)
                .validate();

        assertThat(text(message)).isEqualTo("Route B is shorter. ");
        assertThat(message.content().get(0).thinking().orElseThrow().thinking()).isEqualTo("Weighing the routes.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(306);
    }

    @Test
    void messageStreamAsTheAnthropicSdkAccumulatesIt() throws Exception {
        for (SimulatedCall call : List.of(ANSWERED, TRUNCATED)) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            for (String data : data(SimulatedApi.MESSAGES.events(call, MAPPER.readTree("{\"stream\":true}"), MAPPER))) {
                accumulator.accumulate(
                        anthropic(data, RawMessageStreamEvent.class).validate());
            }
            Message message = accumulator.message().validate();

            assertThat(text(message)).isEqualTo(call.answer());
            assertThat(message.stopReason()).contains(call.truncated() ? StopReason.MAX_TOKENS : StopReason.END_TURN);
            assertThat(message.usage().outputTokens()).isEqualTo(call.outputTokens());
        }
    }

    private static String outputText(Response response) {
        StringBuilder text = new StringBuilder();
        response.output()
                .forEach(item -> item.message()
                        .ifPresent(message -> message.content()
                                .forEach(content -> content.outputText().ifPresent(part -> text.append(part.text())))));
        return text.toString();
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream()
                .map(ContentBlock::text)
                .forEach(block -> block.ifPresent(b -> text.append(b.text())));
        return text.toString();
    }

    /** The JSON of each SSE frame's {@code data:} line. */
    private static List<String> data(List<String> frames) {
        return frames.stream()
                .flatMap(frame -> frame.lines().filter(line -> line.startsWith("data: ")))
                .map(line -> line.substring("data: ".length()))
                .filter(json -> !"[DONE]".equals(json))
                .toList();
    }

    private static <T> T openAi(String json, Class<T> type) throws Exception {
        return com.openai.core.ObjectMappers.jsonMapper().readValue(json, type);
    }

    private static <T> T anthropic(String json, Class<T> type) throws Exception {
        return com.anthropic.core.ObjectMappers.jsonMapper().readValue(json, type);
    }
}
