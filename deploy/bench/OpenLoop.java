import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate (open-loop) HTTP/1.1 load generator over raw keep-alive sockets, as wrk2 does: request k is
 * due at start + k / rate whatever happened before, and its latency is counted from that due time, so a slow
 * answer shows as queueing instead of slowing the load down. Requests are spread over the connections in turn
 * and pipelined when an answer is late. Prints one line: rate, count, errors, p50, p95, p99, max (ms) of the time to
 * the last byte, and ttfb_p50, ttfb_p99 (ms) of the time to the first byte of the body: what a streamed answer's
 * reader sees first.
 *
 * java OpenLoop.java <port> <path> <rate per s> <seconds> <warm-up seconds> <connections> <body file> [header: value]...
 */
public final class OpenLoop {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        double rate = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        double warmUp = Double.parseDouble(args[4]);
        int connections = Integer.parseInt(args[5]);
        byte[] body = Files.readAllBytes(Path.of(args[6]));
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
        for (int i = 7; i < args.length; i++) {
            head.append(args[i]).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        byte[] bytes = request.toByteArray();

        long total = (long) ((warUpOrZero(warmUp) + seconds) * rate);
        long warmUpCount = (long) (warmUp * rate);
        long interval = (long) (1e9 / rate);
        long[] latencies = new long[(int) total];
        long[] firstBytes = new long[(int) total];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 200_000_000L;
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            ConcurrentLinkedQueue<long[]> due = new ConcurrentLinkedQueue<>();
            int conn = c;
            Thread sender = new Thread(() -> {
                try {
                    for (long k = conn; k < total; k += connections) {
                        long at = start + k * interval;
                        for (long wait; (wait = at - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(wait);
                        }
                        due.add(new long[] {k, at});
                        out.write(bytes);
                        out.flush();
                    }
                } catch (IOException e) {
                    System.err.println("send failed: " + e);
                }
            });
            Thread reader = new Thread(() -> {
                try {
                    long expected = (total - conn + connections - 1) / connections;
                    long[] firstByteAt = new long[1];
                    for (long n = 0; n < expected; n++) {
                        int status = readResponse(in, firstByteAt);
                        long now = System.nanoTime();
                        long[] d = due.poll();
                        firstBytes[(int) d[0]] = firstByteAt[0] - d[1];
                        if (status < 200 || status > 299) {
                            errors.incrementAndGet();
                        }
                        latencies[(int) d[0]] = now - d[1];
                    }
                    socket.close();
                } catch (IOException e) {
                    System.err.println("read failed: " + e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(sender);
            threads.add(reader);
        }
        threads.forEach(Thread::start);
        if (!done.await((long) (warUpOrZero(warmUp) + seconds) + 60, TimeUnit.SECONDS)) {
            System.err.println("answers missing after the run");
        }
        long[] measured = Arrays.copyOfRange(latencies, (int) warmUpCount, latencies.length);
        Arrays.sort(measured);
        long[] first = Arrays.copyOfRange(firstBytes, (int) warmUpCount, firstBytes.length);
        Arrays.sort(first);
        System.out.println(String.format(
                Locale.ROOT,
                "rate=%.0f count=%d errors=%d p50=%.3f p95=%.3f p99=%.3f max=%.3f ttfb_p50=%.3f ttfb_p99=%.3f",
                rate,
                measured.length,
                errors.get(),
                ms(measured, 0.50),
                ms(measured, 0.95),
                ms(measured, 0.99),
                measured[measured.length - 1] / 1e6,
                ms(first, 0.50),
                ms(first, 0.99)));
    }

    private static double warUpOrZero(double warmUp) {
        return Math.max(0, warmUp);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Reads one response (Content-Length or chunked) and returns its status; notes when its body's first byte came. */
    private static int readResponse(InputStream in, long[] firstByteAt) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        firstByteAt[0] = System.nanoTime();
        if (chunked) {
            boolean first = true;
            for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0; ) {
                long rest = size;
                if (first) {
                    skip(in, 1);
                    firstByteAt[0] = System.nanoTime();
                    first = false;
                    rest--;
                }
                skip(in, rest);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(in, 1);
            firstByteAt[0] = System.nanoTime();
            skip(in, length - 1);
        }
        return code;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
