package io.thinkwatch.monitor;

import static io.restassured.RestAssured.given;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.TestKafka;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.simulator.SimulatorServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Trace-to-verdict time of the model judge (issue 21: p95 at 20 judged calls per second with a judge that takes
 * 500 ms): traces flagged by the simulated judge are sent at a fixed rate for {@code bench.judge.seconds} (60), and
 * each one's time runs from its send to the Kafka timestamp of its finding. Reports p50, p95 and max with the load
 * average; asserts only that every call got its verdict. Run with
 * {@code ./mvnw verify -Pbench -Dit.test=ModelJudgeBenchmarkIT [-Dbench.judge.seconds=20]}.
 */
@QuarkusTest
@TestProfile(ModelJudgeBenchmarkIT.At500Ms.class)
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class ModelJudgeBenchmarkIT {

    public static class At500Ms implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "thinkwatch.roles", "capture,indexer,rules,console,monitor,simulator",
                    "thinkwatch.simulator.judge-latency", "500ms");
        }
    }

    private static final Logger LOG = Logger.getLogger(ModelJudgeBenchmarkIT.class);
    private static final int PER_SECOND = 20;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Inject
    RuleBook book;

    @Inject
    SimulatorServer simulator;

    @Test
    void traceToVerdictAtTwentyJudgedCallsPerSecond() throws Exception {
        // Given a tenant whose model-judged rule the simulated judge (500 ms per answer) flags on every call
        String tenant = "judge-bench-" + UUID.randomUUID();
        String admin = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "admin", UserRole.ADMIN, admin));
        given().port(port)
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseUrl\":\"http://127.0.0.1:" + simulator.port() + "/judge/v1\",\"model\":\"sim-judge\"}")
                .put("/api/v1/monitor/judge")
                .then()
                .statusCode(200);
        int rule = given().port(port)
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"bench\",\"kind\":\"reasoning_monitor\",\"groupBy\":[\"app\"],"
                        + "\"params\":{\"categories\":[\"reward_hacking\"],\"judge\":\"model\"}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> book.get().get(String.valueOf(rule)) != null);
        int seconds = Integer.getInteger("bench.judge.seconds", 60);
        int total = seconds * PER_SECOND;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();

        // When traces are sent at 20 per second (each with reasoning of its own, so no cache hit)
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            java.util.concurrent.ScheduledFuture<?> ticks = pace.scheduleAtFixedRate(
                    () -> {
                        int i = next.getAndIncrement();
                        if (i >= total) {
                            return;
                        }
                        TraceEvent trace = call().tenant(tenant)
                                .id("bench-" + i + "-" + UUID.randomUUID())
                                .app("ci")
                                .reasoningText("Call " + i + ". The grader checks the output only.\n"
                                        + "I'll print what it expects [judge:reward_hacking]\nDone.")
                                .at(Instant.now())
                                .build();
                        try {
                            sentAt.put(trace.traceId(), System.currentTimeMillis());
                            kafka.send(Topics.TRACES, trace.traceId(), mapper.writeValueAsString(trace));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    0,
                    1_000 / PER_SECOND,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(seconds + 60L)).until(() -> next.get() >= total || ticks.isDone());
            assertThat(ticks.isDone()).as("the sender stopped on an error").isFalse();
            ticks.cancel(false);
        } finally {
            pace.shutdownNow();
        }

        // Then every call gets its verdict; the time from send to finding is reported, not asserted
        List<Long> latencies = new ArrayList<>();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    latencies.clear();
                    try (TestKafka kafka = new TestKafka(bootstrap)) {
                        for (ConsumerRecord<String, String> record : kafka.readAll(Topics.FINDINGS)) {
                            JsonNode finding = mapper.readTree(record.value());
                            if (!tenant.equals(finding.path("tenant").asText())) {
                                continue;
                            }
                            Long sent =
                                    sentAt.get(finding.path("traceIds").path(0).asText());
                            if (sent != null) {
                                latencies.add(record.timestamp() - sent);
                            }
                        }
                    }
                    assertThat(latencies).hasSize(total);
                });
        latencies.sort(Long::compare);
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        LOG.infof(
                "BENCHMARK model judge: %d calls at %d/s, judge latency 500 ms: trace-to-verdict p50 %d ms, p95 %d ms,"
                        + " max %d ms; load average %s; %d cores",
                total,
                PER_SECOND,
                latencies.get(total / 2),
                latencies.get((int) Math.ceil(total * 0.95) - 1),
                latencies.get(total - 1),
                load,
                Runtime.getRuntime().availableProcessors());
    }
}
