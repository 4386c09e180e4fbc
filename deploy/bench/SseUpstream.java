import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The upstream of the streamed benchmark cases: answers every call with one fixed server-sent-events body of N
 * events (default 500, about 100 KB) in the shape of the API its path names, usage included, written as fast as the
 * socket takes it. The bodies are built once at start, so the upstream costs the same through capture as directly.
 *   java SseUpstream.java <port> [events]
 * Paths: /v1/chat/completions (Chat Completions chunks), /v1/responses (Responses events), /v1/messages (Anthropic
 * Messages events, thinking then text), anything with :streamGenerateContent (Gemini, alt=sse).
 * A Chat Completions call that does not ask to stream gets one fixed plain answer instead (about 700 bytes, usage with
 * reasoning tokens): the upstream of the plain case with {@code UPSTREAM=fixed}, lighter on the shared cores than the
 * simulator, which builds every answer.
 */
public final class SseUpstream {

    /** About 50 characters of text per event, so 500 events make about 100 KB with each API's framing. */
    private static final String WORDS = "The depot by the river is faster before ten, so. ";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Map<String, byte[]> bodies = Map.of(
                "chat", chat(events),
                "responses", responses(events),
                "messages", messages(events),
                "gemini", gemini(events),
                "plain", plain());
        // Without it the JDK server's small writes meet the client's delayed acknowledgements: 40 ms per call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> answer(exchange, bodies));
        server.start();
        bodies.forEach((api, body) -> System.out.printf("%s: %d events, %d bytes%n", api, events, body.length));
    }

    private static void answer(HttpExchange exchange, Map<String, byte[]> bodies) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/chat/completions") && !request.contains("\"stream\":true")) {
            byte[] plain = bodies.get("plain");
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, plain.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(plain);
            }
            return;
        }
        byte[] body = path.endsWith("/chat/completions")
                ? bodies.get("chat")
                : path.endsWith("/responses")
                        ? bodies.get("responses")
                        : path.endsWith("/messages") ? bodies.get("messages") : bodies.get("gemini");
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static byte[] sse(StringBuilder body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Role chunk, text chunks, finish chunk, usage chunk and [DONE]; each chunk says {@code "usage":null}, as OpenAI's do when usage is asked for. */
    static byte[] chat(int events) {
        String head =
                "{\"id\":\"chatcmpl-b\",\"object\":\"chat.completion.chunk\",\"created\":1765000000,\"model\":\"o3\",";
        StringBuilder body = new StringBuilder();
        body.append("data: ")
                .append(head)
                .append(
                        "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n");
        for (int i = 0; i < events - 4; i++) {
            body.append("data: ")
                    .append(head)
                    .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(quote(WORDS))
                    .append("},\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        body.append("data: ")
                .append(head)
                .append("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        body.append("data: ")
                .append(head)
                .append("\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":")
                .append(events * 40 + 3000)
                .append(",\"total_tokens\":")
                .append(events * 40 + 3040)
                .append(",\"completion_tokens_details\":{\"reasoning_tokens\":3000}}}\n\n");
        body.append("data: [DONE]\n\n");
        return sse(body);
    }

    /** Created, in progress, text deltas, completed with usage. */
    static byte[] responses(int events) {
        StringBuilder body = new StringBuilder();
        body.append(
                "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                        + "{\"id\":\"resp_b\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"o3\",\"output\":[]}}\n\n");
        body.append(
                "event: response.in_progress\ndata: {\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":"
                        + "{\"id\":\"resp_b\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"o3\",\"output\":[]}}\n\n");
        for (int i = 2; i < events - 1; i++) {
            body.append(
                            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":")
                    .append(i)
                    .append(",\"item_id\":\"msg_b\",\"output_index\":1,\"content_index\":0,\"delta\":")
                    .append(quote(WORDS))
                    .append("}\n\n");
        }
        body.append("event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":")
                .append(events - 1)
                .append(
                        ",\"response\":{\"id\":\"resp_b\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"o3\","
                                + "\"output\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":")
                .append(events * 40 + 3000)
                .append(",\"output_tokens_details\":{\"reasoning_tokens\":3000},\"total_tokens\":")
                .append(events * 40 + 3040)
                .append("}}}\n\n");
        return sse(body);
    }

    /** Message start, a thinking block and a text block of deltas, message delta with usage, message stop. */
    static byte[] messages(int events) {
        StringBuilder body = new StringBuilder();
        body.append(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_b\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"stop_reason\":null,"
                        + "\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}}\n\n");
        int deltas = events - 7;
        body.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n");
        for (int i = 0; i < deltas / 2; i++) {
            body.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":")
                    .append(quote(WORDS))
                    .append("}}\n\n");
        }
        body.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        body.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (int i = deltas / 2; i < deltas; i++) {
            body.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                            + "\"delta\":{\"type\":\"text_delta\",\"text\":")
                    .append(quote(WORDS))
                    .append("}}\n\n");
        }
        body.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n");
        body.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                        + "\"usage\":{\"output_tokens\":")
                .append(events * 40)
                .append("}}\n\n");
        body.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return sse(body);
    }

    /** Gemini's alt=sse stream: one candidate chunk per event, the last with its finish reason and usage. */
    static byte[] gemini(int events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events; i++) {
            boolean last = i == events - 1;
            body.append("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":")
                    .append(quote(WORDS))
                    .append("}],\"role\":\"model\"},\"index\":0")
                    .append(last ? ",\"finishReason\":\"STOP\"" : "")
                    .append("}],\"usageMetadata\":{\"promptTokenCount\":40,\"candidatesTokenCount\":")
                    .append(i * 40 + 40)
                    .append(last ? ",\"thoughtsTokenCount\":3000" : "")
                    .append(",\"totalTokenCount\":")
                    .append(i * 40 + 80 + (last ? 3000 : 0))
                    .append("},\"modelVersion\":\"gemini-2.5-pro\"}\r\n\r\n");
        }
        return sse(body);
    }

    /** A plain Chat Completion of an o-series model: a short answer, most of its output tokens spent reasoning. */
    static byte[] plain() {
        return ("{\"id\":\"chatcmpl-p\",\"object\":\"chat.completion\",\"created\":1765000000,\"model\":\"o3-mini\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                        + quote(WORDS.repeat(8))
                        + ",\"refusal\":null},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
                        + "\"completion_tokens\":1400,\"total_tokens\":1412,\"completion_tokens_details\":"
                        + "{\"reasoning_tokens\":1280}},\"service_tier\":\"default\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
