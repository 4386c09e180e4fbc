package io.thinkwatch.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.testing.Latencies;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Capture-to-alert-delivered latency (issue 6, docs/benchmarks.md): calls through capture that run out of output
 * budget trip a {@code budget_exhausted} rule naming a webhook channel; a local receiver records when each
 * notification arrives. Each call is its own app (the rule groups by app), so each is its own notification and
 * grouping folds nothing. Measured from just before the call is sent to the receiver having the message: capture,
 * Kafka, the rule engine (exactly-once), the alerts consumer, the outbox, the grouping delay and the dispatcher.
 * Runs only with -Pbench.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class AlertLatencyBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(AlertLatencyBenchmarkIT.class);
    private static final int CALLS = 200;
    private static final long PACE_MS = 250;

    @Inject
    CaptureServer capture;

    @Inject
    AlertsConfig alerts;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    /** Wall-clock times, for the breakdown: call sent, notification queued in the outbox, message received. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    private final Map<String, Long> queuedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

    @Test
    void capturedCallToWebhookDelivered() throws Exception {
        // Given a webhook channel pointed at a local receiver and a rule that names it
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            var payload = mapper.readTree(body);
            String app = payload.at("/finding/app").asText();
            arrived.putIfAbsent(app, now);
            receivedAt.putIfAbsent(app, System.currentTimeMillis());
            queuedAt.putIfAbsent(
                    app,
                    java.time.Instant.parse(payload.path("createdAt").asText()).toEpochMilli());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        HttpClient client = HttpClient.newHttpClient();
        try {
            String channel = "latency-" + run;
            api().body("""
                    {"name":"%s","kind":"webhook","maxPerHour":0,"settings":{"url":"http://127.0.0.1:%d/hook"}}""".formatted(channel, receiver.getAddress().getPort()))
                    .post("/api/v1/channels")
                    .then()
                    .statusCode(201);
            api().body("""
                    {"name":"latency %s","kind":"budget_exhausted","severity":"critical","groupBy":["app"],
                     "channels":["%s"]}""".formatted(run, channel)).post("/api/v1/rules").then().statusCode(201);
            // Warm up until the rule is live and the whole path has carried one alert
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> {
                        call(client, "warmup-" + run + "-" + System.nanoTime());
                        return arrived.keySet().stream().anyMatch(app -> app.startsWith("warmup-"));
                    });

            // When CALLS truncated calls go through capture at a steady pace, each its own app
            ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
            AtomicInteger count = new AtomicInteger();
            ScheduledFuture<?> unused = pacer.scheduleAtFixedRate(
                    () -> {
                        int i = count.incrementAndGet();
                        if (i <= CALLS) {
                            call(client, "lat-" + run + "-" + i);
                        }
                    },
                    0,
                    PACE_MS,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> sent.size() == CALLS && arrived.keySet().containsAll(sent.keySet()));
            pacer.shutdownNow();
        } finally {
            receiver.stop(0);
        }

        // Then the p95 from call to delivered message is at most 5 s
        Latencies latencies = Latencies.of(sent.entrySet().stream()
                .map(e -> (arrived.get(e.getKey()) - e.getValue()) / 1_000_000)
                .toList());
        Latencies toQueue = Latencies.of(sent.keySet().stream()
                .map(app -> queuedAt.get(app) - sentAt.get(app))
                .toList());
        Latencies toReceiver = Latencies.of(sent.keySet().stream()
                .map(app -> receivedAt.get(app) - queuedAt.get(app))
                .toList());
        String report = String.format(
                Locale.ROOT,
                "Capture to webhook delivered, %d calls one every %d ms: %s "
                        + "(group delay %s, dispatch interval %s)%n  of which call to notification queued in the outbox "
                        + "(capture, Kafka, rule engine, alerts consumer): %s%n  and queued to received (group delay, "
                        + "dispatcher, HTTP): %s%n",
                CALLS,
                PACE_MS,
                latencies.summary(),
                alerts.groupDelay(),
                alerts.dispatchInterval(),
                toQueue.summary(),
                toReceiver.summary());
        Latencies.write("alert-latency-benchmark.md", report);
        LOG.info(report);
        assertThat(latencies.percentile(0.95)).as("p95 ms").isLessThanOrEqualTo(5_000);
    }

    private void call(HttpClient client, String app) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer sk-bench-not-recorded")
                .header("X-Thinkwatch-App", app)
                .header("X-Simulator-Scenario", "truncated")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"o3-mini","max_completion_tokens":4000,"messages":[{"role":"user","content":"plan"}]}"""))
                .build();
        if (app.startsWith("lat-")) {
            sent.put(app, System.nanoTime());
            sentAt.put(app, System.currentTimeMillis());
        }
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                LOG.warnf("capture answered %d", response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private io.restassured.specification.RequestSpecification api() {
        return given().port(consolePort).auth().oauth2(adminToken).contentType(ContentType.JSON);
    }
}
