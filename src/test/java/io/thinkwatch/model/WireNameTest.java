package io.thinkwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class WireNameTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aConstantIsWrittenAndReadByItsWireName() throws Exception {
        // Given constants named by the default rule and by a wire name of their own
        // When they are written as JSON and read back
        String json = mapper.writeValueAsString(new Object[] {FinishReason.CONTENT_FILTER, Api.CHAT_COMPLETIONS});

        // Then JSON holds the wire names, and they read back as the same constants
        assertThat(json).isEqualTo("[\"content_filter\",\"chat.completions\"]");
        assertThat(mapper.readValue("\"content_filter\"", FinishReason.class)).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(mapper.readValue("\"chat.completions\"", Api.class)).isEqualTo(Api.CHAT_COMPLETIONS);
    }

    @Test
    void findGivesTheConstantOfAWireNameOrNull() {
        // Given wire names, one that no constant has, and none
        // When they are looked up
        // Then only the known one is found
        assertThat(WireName.find(Api.class, "generateContent")).isEqualTo(Api.GENERATE_CONTENT);
        assertThat(WireName.find(Api.class, "GENERATE_CONTENT")).isNull();
        assertThat(WireName.find(Api.class, null)).isNull();
    }
}
