package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSpoolTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsSurviveAReopenInOrder() throws IOException {
        // Given three records spooled by a capture that then stops
        try (TraceSpool spool = TraceSpool.open(dir, 1_000_000)) {
            for (int i = 0; i < 3; i++) {
                assertThat(spool.add("id-" + i, bytes("{\"n\":" + i + "}"))).isTrue();
            }
        }

        // When the spool is opened again
        try (TraceSpool spool = TraceSpool.open(dir, 1_000_000)) {
            // Then the records are there, oldest first, with their keys and size
            assertThat(spool.records()).isEqualTo(3);
            assertThat(spool.peek(10)).extracting(TraceSpool.Spooled::key).containsExactly("id-0", "id-1", "id-2");
            assertThat(new String(spool.peek(1).get(0).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":0}");
            assertThat(spool.bytes()).isEqualTo(3 * (4 + 2 + 4 + 7));
        }
    }

    @Test
    void removingTheOldestLeavesTheRest() throws IOException {
        try (TraceSpool spool = TraceSpool.open(dir, 1_000_000)) {
            spool.add("a", bytes("1"));
            spool.add("b", bytes("2"));
            spool.add("c", bytes("3"));

            spool.remove(spool.peek(2));

            assertThat(spool.peek(10)).extracting(TraceSpool.Spooled::key).containsExactly("c");
            assertThat(spool.bytes()).isEqualTo(4 + 2 + 1 + 1);
        }
    }

    @Test
    void fullSpoolRefusesAndWritesNothing() throws IOException {
        // Given a spool with room for two small records
        try (TraceSpool spool = TraceSpool.open(dir, 2 * (4 + 2 + 1 + 10))) {
            assertThat(spool.add("a", new byte[10])).isTrue();
            assertThat(spool.add("b", new byte[10])).isTrue();

            // When a third arrives, then it is refused and the spool is unchanged
            assertThat(spool.add("c", new byte[10])).isFalse();
            assertThat(spool.records()).isEqualTo(2);
        }
    }
}
