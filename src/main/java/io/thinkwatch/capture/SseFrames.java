package io.thinkwatch.capture;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a server-sent-events byte stream into whole frames (an event's lines and the blank line that ends
 * it) as chunks arrive, keeping every byte, so the proxy can hold back one frame and pass the others on
 * unchanged. Any of {@code \n}, {@code \r\n} and {@code \r} ends a line, also when a chunk ends between the
 * {@code \r} and the {@code \n}. The readers we found (OkHttp's, Jersey's) decode events and drop the raw
 * bytes, which a byte-exact proxy needs, hence this small splitter.
 */
final class SseFrames {

    private Buffer pending = Buffer.buffer();
    private boolean atLineStart = true;
    private boolean afterCr;
    /** The frame ended on a {@code \r}: a {@code \n} right after it still belongs to it. */
    private boolean endsAfterCr;

    /** Feeds the next chunk; answers the frames it completed, each with its closing blank line. */
    List<Buffer> push(Buffer chunk) {
        List<Buffer> frames = new ArrayList<>();
        int from = 0;
        // One copy of the chunk read as an array: reading it byte by byte through the buffer cost more than the rest
        // of the relay (a profile of 500-event streams, docs/benchmarks.md).
        byte[] bytes = chunk.getBytes();
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (endsAfterCr) {
                endsAfterCr = false;
                afterCr = false;
                int end = b == '\n' ? i + 1 : i;
                frames.add(pending.appendBuffer(chunk, from, end - from));
                pending = Buffer.buffer();
                from = end;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\r' || b == '\n') {
                if (!atLineStart) {
                    atLineStart = true;
                } else if (b == '\r') {
                    endsAfterCr = true;
                } else {
                    frames.add(pending.appendBuffer(chunk, from, i + 1 - from));
                    pending = Buffer.buffer();
                    from = i + 1;
                }
            } else {
                atLineStart = false;
            }
        }
        pending.appendBuffer(chunk, from, chunk.length() - from);
        return frames;
    }

    /** At the end of the stream: the bytes of an unfinished last frame (possibly empty). */
    Buffer rest() {
        Buffer rest = pending;
        pending = Buffer.buffer();
        endsAfterCr = false;
        return rest;
    }
}
