package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** What reaches the client, and when, as chunks arrive in turns of a (fake) event loop. */
class RelayWritesTest {

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final List<String> written = new ArrayList<>();
    private final RelayWrites writes = new RelayWrites(tasks::add, bytes -> written.add(bytes.toString()));

    @Test
    void chunksOfOneTurnGoOutInOneWriteWhenTheTurnEnds() {
        // Given three chunks read in one turn of the loop
        writes.write(Buffer.buffer("data: 1\n\n"));
        writes.write(Buffer.buffer("data: 2\n\n"));
        writes.write(Buffer.buffer("data: 3\n\n"));

        // Then nothing is written before the turn's tasks run, and then all three in order, at once
        assertThat(written).isEmpty();
        runTasks();
        assertThat(written).containsExactly("data: 1\n\ndata: 2\n\ndata: 3\n\n");
    }

    @Test
    void eachTurnWritesItsOwnChunks() {
        // Given a chunk in one turn, then two in the next
        writes.write(Buffer.buffer("a"));
        runTasks();
        writes.write(Buffer.buffer("b"));
        writes.write(Buffer.buffer("c"));
        runTasks();

        // Then the first went out in its turn, unchanged, and the next two together
        assertThat(written).containsExactly("a", "bc");
    }

    @Test
    void theEndFlushesAtOnceAndTheLaterTaskWritesNothingTwice() {
        // Given a chunk held when the answer ends
        writes.write(Buffer.buffer("last"));

        // When the end flushes before the turn's task has run
        writes.flush();
        runTasks();

        // Then it is written once, before the end
        assertThat(written).containsExactly("last");
    }

    @Test
    void aFailedAnswerDropsWhatIsHeldAndEmptyChunksAreNotWrites() {
        // Given an empty chunk, then a chunk held when the upstream fails
        writes.write(Buffer.buffer());
        writes.write(Buffer.buffer("half"));

        // When the relay drops it (the client's response is reset)
        writes.drop();
        runTasks();

        // Then nothing was written
        assertThat(written).isEmpty();
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }
}
