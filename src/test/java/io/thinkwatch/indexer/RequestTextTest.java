package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

class RequestTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonParser json(String text) throws Exception {
        return JSON.createParser(text);
    }

    @Test
    void openAiMessagesGiveTheirContentsInOrder() throws Exception {
        // Given OpenAI chat messages, one with a plain string and one with content parts and an image
        JsonParser request = json("""
                {"messages":[
                  {"role":"system","content":"You plan routes."},
                  {"role":"user","content":[{"type":"text","text":"Which route is shortest?"},
                                            {"type":"image_url","image_url":{"url":"https://x/map.png"}}]}]}""");

        // When the request text is derived
        String text = RequestText.of(request, 1000);

        // Then it holds the texts only, one per line
        assertThat(text).isEqualTo("You plan routes.\nWhich route is shortest?");
    }

    @Test
    void geminiPartsAndResponsesInputAreText() throws Exception {
        // Given a Responses-style input string and Gemini-style contents with parts
        JsonParser request = json("""
                {"input":"Summarize the report",
                 "messages":[{"role":"user","parts":[{"text":"Quarterly numbers"}]}]}""");

        // When the request text is derived
        String text = RequestText.of(request, 1000);

        // Then both are there, input first
        assertThat(text).isEqualTo("Summarize the report\nQuarterly numbers");
    }

    @Test
    void roleNamesToolArgumentsAndOtherKeysAreLeftOut() throws Exception {
        // Given a message with a tool call whose arguments are JSON text
        JsonParser request = json("""
                {"messages":[{"role":"assistant","content":null,
                  "tool_calls":[{"function":{"name":"lookup","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}]}""");

        // When the request text is derived
        String text = RequestText.of(request, 1000);

        // Then nothing is taken
        assertThat(text).isEmpty();
    }

    @Test
    void textIsCutAtTheLimit() throws Exception {
        // Given two long messages
        JsonParser request = json("""
                {"messages":[{"content":"aaaaaaaaaa"},{"content":"bbbbbbbbbb"}]}""");

        // When the request text is derived with a limit of 15 characters
        String text = RequestText.of(request, 15);

        // Then it stops at 15 characters
        assertThat(text).isEqualTo("aaaaaaaaaa\nbbbb");
    }

    @Test
    void nullRequestGivesNoText() throws Exception {
        // Given a request that is null
        JsonParser request = json("null");

        // When the request text is derived
        String text = RequestText.of(request, 1000);

        // Then it is empty
        assertThat(text).isEmpty();
    }
}
