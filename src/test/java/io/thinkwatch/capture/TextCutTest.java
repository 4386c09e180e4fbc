package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceEventBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TextCutTest {

    private final TextCut cut = new TextCut(10);

    @Test
    void longTextIsCutWithAMarkerSayingHowMuchIsMissing() {
        // Given a text of 25 characters and a limit of 10
        // When it is cut
        String result = cut.cut("abcdefghij" + "x".repeat(15));

        // Then the first 10 are kept and the marker counts the other 15
        assertThat(result).isEqualTo("abcdefghij" + TextCut.marker(15));
        assertThat(result).contains("cut by Thinkwatch: 15 more characters");
    }

    @Test
    void toolCallArgumentsAreCutTheirSizeKept() {
        // Given a trace whose tool call has 25 characters of arguments
        TraceEvent trace = TraceEventBuilder.builder()
                .toolCalls(List.of(ToolCall.of("c1", "f", "abcdefghij" + "x".repeat(15))))
                .build();

        // When it is cut at 10
        TraceEvent result = cut.apply(trace);

        // Then the arguments are cut with the marker, and the size stays that of what was sent
        assertThat(result.toolCalls()).containsExactly(new ToolCall("c1", "f", 25L, "abcdefghij" + TextCut.marker(15)));
    }

    @Test
    void shortTextAndNullStayAsTheyAre() {
        assertThat(cut.cut("short")).isEqualTo("short");
        assertThat(cut.cut((String) null)).isNull();
        assertThat(new TextCut(0).cut("x".repeat(100))).hasSize(100);
    }

    @Test
    void neverSplitsACharacterOutsideTheBasicPlane() {
        // Given an emoji (two UTF-16 units) across the limit
        String text = "123456789😀tail";

        // When it is cut
        String result = cut.cut(text);

        // Then the emoji is not halved
        assertThat(result).startsWith("123456789 …[cut");
    }

    @Test
    void everyLongStringInMessagesIsCutAndTheOriginalIsUntouched() throws Exception {
        // Given messages with one long and one short text
        JsonNode messages = new ObjectMapper()
                .readTree("[{\"role\":\"user\",\"content\":\"" + "y".repeat(30)
                        + "\"},{\"role\":\"assistant\",\"content\":\"ok\"}]");

        // When they are cut
        JsonNode result = cut.cut(messages);

        // Then the long one is cut, the short one and the roles stay, and the input is unchanged
        assertThat(result.get(0).get("content").asText()).isEqualTo("y".repeat(10) + TextCut.marker(20));
        assertThat(result.get(1).get("content").asText()).isEqualTo("ok");
        assertThat(result.get(0).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).get("content").asText()).hasSize(30);
    }
}
