package io.thinkwatch.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The windows the patterns run in: only where a secret can be, so a long prompt is mostly skipped. */
class ReachTest {

    @Test
    void aKeysWindowEndsOneCharacterAfterTheKey() {
        // Given a key between two stretches of prose
        String key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3i";
        String text =
                "The planner compares depots. ".repeat(20) + "Use " + key + " today. " + "More prose. ".repeat(30);
        int at = text.indexOf(key);

        // When the OpenAI key detector's windows are found
        List<int[]> windows = BuiltIn.OPENAI_KEY.detector().reach().windows(text);

        // Then there is one, from the character before the key to the character after it
        assertThat(windows).containsExactly(new int[] {at - 1, at + key.length() + 1});
    }

    @Test
    void anAddressWindowCoversTheAddressAndNoMore() {
        // Given an address in a sentence
        String text = "Write to maria.gonzalez@example.com when the report is done, not before.";
        int at = text.indexOf("maria");

        // When the email detector's windows are found
        List<int[]> windows = BuiltIn.EMAIL.detector().reach().windows(text);

        // Then the window is the address and one character either side
        assertThat(windows).containsExactly(new int[] {at - 1, at + "maria.gonzalez@example.com".length() + 1});
    }

    @Test
    void shortNumbersMakeNoWindowAndACardNumberOneAroundItself() {
        // Given a log line of short numbers, then a card number
        String text = "took 183 ms at 10.0.12.7 (status 200, 4096 bytes) v3.11.4; card 4111 1111 1111 1111.";
        int at = text.indexOf("4111");

        // When the card detector's windows are found
        List<int[]> windows = BuiltIn.CARD_NUMBER.detector().reach().windows(text);

        // Then only the card number's run is searched (with the space before it and the dot after it)
        assertThat(windows).containsExactly(new int[] {at - 2, at + "4111 1111 1111 1111".length() + 1});
    }
}
