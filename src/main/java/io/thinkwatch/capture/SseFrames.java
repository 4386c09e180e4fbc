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

    /**
     * Feeds the next chunk; answers the frames it completed, each with its closing blank line. A frame that lies
     * within the chunk is a slice of it, not a copy; only a frame begun in an earlier chunk is copied together.
     */
    List<Buffer> push(Buffer chunk) {
        List<Buffer> frames = new ArrayList<>();
        int from = 0;
        // One copy of the chunk read as an array: reading it byte by byte through the buffer cost more than the rest
        // of the relay (a profile of 500-event streams, docs/benchmarks.md).
        byte[] bytes = chunk.getBytes();
        for (int i = 0; i < bytes.length; i++) {
            if (!endsAfterCr && (bytes[i] & 0xff) > '\r') {
                // Most bytes are neither a line end nor right after a frame's closing \r: skip their run in a tight
                // loop
                while (i + 1 < bytes.length && (bytes[i + 1] & 0xff) > '\r') {
                    i++;
                }
                atLineStart = false;
                afterCr = false;
                continue;
            }
            byte b = bytes[i];
            if (endsAfterCr) {
                endsAfterCr = false;
                afterCr = false;
                int end = b == '\n' ? i + 1 : i;
                frames.add(frame(chunk, from, end));
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
                    frames.add(frame(chunk, from, i + 1));
                    from = i + 1;
                }
            } else {
                atLineStart = false;
            }
        }
        if (from < chunk.length()) {
            pending.appendBuffer(chunk, from, chunk.length() - from);
        }
        return frames;
    }

    /** At the end of the stream: the bytes of an unfinished last frame (possibly empty). */
    Buffer rest() {
        Buffer rest = pending;
        pending = Buffer.buffer();
        endsAfterCr = false;
        return rest;
    }

    private Buffer frame(Buffer chunk, int from, int end) {
        if (pending.length() == 0) {
            return chunk.slice(from, end);
        }
        Buffer frame = pending.appendBuffer(chunk, from, end - from);
        pending = Buffer.buffer();
        return frame;
    }
}
