package io.thinkwatch.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.squareup.tape2.QueueFile;

/**
 * Traces waiting for Kafka on local disk, oldest first, in one file that survives a restart (tape's
 * {@link QueueFile}: every add is written through to disk before it returns). Bounded by bytes: a full spool
 * refuses new records instead of growing. Used by the publisher thread alone.
 */
final class TraceSpool implements Closeable {

    /** Per record: QueueFile's 4-byte length, our 2-byte key length. */
    private static final int OVERHEAD = 6;

    /** One spooled record: its Kafka key and value. */
    @SuppressWarnings("ArrayRecordComponent") // bytes passed along, never compared or hashed as a record
    record Spooled(String key, byte[] value) {
        long size() {
            return (long) key.getBytes(StandardCharsets.UTF_8).length + value.length + OVERHEAD;
        }
    }

    private final QueueFile file;
    private final long maxBytes;
    /** Written by the publisher thread, read by the metrics. */
    private final AtomicLong bytes = new AtomicLong();

    private volatile int records;

    private TraceSpool(QueueFile file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        long total = 0;
        for (byte[] element : file) {
            total += element.length + 4;
        }
        this.bytes.set(total);
        this.records = file.size();
    }

    /** Opens (or creates) the spool file {@code traces.spool} in the folder. */
    static TraceSpool open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        return new TraceSpool(
                new QueueFile.Builder(dir.resolve("traces.spool").toFile())
                        .zero(false)
                        .build(),
                maxBytes);
    }

    /** Appends a record; false when it would take the spool past its size, and then nothing is written. */
    boolean add(String key, byte[] value) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int size = 2 + keyBytes.length + value.length;
        if (bytes.get() + size + 4 > maxBytes) {
            return false;
        }
        file.add(ByteBuffer.allocate(size)
                .putShort((short) keyBytes.length)
                .put(keyBytes)
                .put(value)
                .array());
        bytes.addAndGet(size + 4L);
        records = file.size();
        return true;
    }

    /** The oldest records, at most {@code max}, left in place. */
    List<Spooled> peek(int max) {
        List<Spooled> out = new ArrayList<>(Math.min(max, records));
        Iterator<byte[]> it = file.iterator();
        while (out.size() < max && it.hasNext()) {
            ByteBuffer element = ByteBuffer.wrap(it.next());
            byte[] key = new byte[element.getShort()];
            element.get(key);
            byte[] value = new byte[element.remaining()];
            element.get(value);
            out.add(new Spooled(new String(key, StandardCharsets.UTF_8), value));
        }
        return out;
    }

    /** Removes the oldest records, which must be the given ones (from {@link #peek}). */
    void remove(List<Spooled> oldest) throws IOException {
        if (oldest.isEmpty()) {
            return;
        }
        file.remove(oldest.size());
        bytes.addAndGet(-oldest.stream().mapToLong(Spooled::size).sum());
        records = file.size();
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes.get();
    }

    boolean isEmpty() {
        return records == 0;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
