package io.thinkwatch.capture;

import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes to the client, in one write, what the upstream sent in one turn of the event loop. A provider's stream
 * arrives as many small chunks, often dozens in one read; written one by one, each cost a system call (a fifth of
 * the event loop's time on 500-event streams, docs/benchmarks.md). Held bytes go out when the loop has finished the
 * reads in hand, before it waits for more: no chunk waits for a later one.
 */
final class RelayWrites {

    private final Consumer<Runnable> laterThisTurn;
    private final Consumer<Buffer> out;
    private Buffer held;
    /** Whether {@link #held} is a buffer of this class's own (a second chunk came), not the first chunk itself. */
    private boolean joined;

    /**
     * @param laterThisTurn runs a task on the same event loop once the events in hand are handled
     * @param out writes to the client
     */
    RelayWrites(Consumer<Runnable> laterThisTurn, Consumer<Buffer> out) {
        this.laterThisTurn = laterThisTurn;
        this.out = out;
    }

    /** Relays to a client's response from the event loop of {@code context}. */
    static RelayWrites to(HttpServerResponse response, Context context) {
        return new RelayWrites(task -> context.runOnContext(v -> task.run()), bytes -> {
            if (!response.ended() && !response.closed()) {
                response.write(bytes);
            }
        });
    }

    void write(Buffer bytes) {
        if (bytes.length() == 0) {
            return;
        }
        if (held == null) {
            held = bytes; // most turns bring one chunk: written as it is, not copied
            laterThisTurn.accept(this::flush);
        } else {
            if (!joined) {
                held = Buffer.buffer(held.length() + bytes.length() * 8).appendBuffer(held);
                joined = true;
            }
            held.appendBuffer(bytes);
        }
    }

    /** Writes what is held now (at the end of the answer, before it is ended). */
    void flush() {
        if (held != null) {
            out.accept(held);
        }
        drop();
    }

    /** Forgets what is held (the answer failed and the client's response is reset). */
    void drop() {
        held = null;
        joined = false;
    }
}
