package io.thinkwatch.rules.engine;

import static io.restassured.RestAssured.given;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.TestKafka;
import io.thinkwatch.rules.TraceBuilder;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine against real Kafka and PostgreSQL: simulated traffic of one tenant with injected anomalies
 * gives exactly the listed findings, also when the engine is restarted in the middle of the window.
 */
@QuarkusTest
class RulesEngineIT {

    /** One expected finding: rule name, group key, count. */
    record Expected(String rule, String group, long count) {}

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RulesEngine engine;

    @Inject
    RuleBook book;

    @Inject
    ObjectMapper mapper;

    private final String tenant = "engine-it-" + UUID.randomUUID();
    private final String token = ApiToken.newSecret();
    /** A whole past hour: every call of the test falls into one de-duplication window. */
    private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    private static final String[] RULES = {
        "{\"name\":\"budget\",\"kind\":\"budget_exhausted\",\"severity\":\"critical\",\"groupBy\":[\"app\"]}",
        "{\"name\":\"empty\",\"kind\":\"empty_answer_after_reasoning\",\"severity\":\"critical\",\"groupBy\":[\"app\"]}",
        "{\"name\":\"big\",\"kind\":\"reasoning_tokens_above\",\"params\":{\"threshold\":20000}}",
        "{\"name\":\"secret\",\"kind\":\"content_match\",\"params\":{\"pattern\":\"sk-live-[a-z0-9]{8}\"}}",
        "{\"name\":\"usage\",\"kind\":\"usage_missing\",\"severity\":\"info\"}",
        "{\"name\":\"cost\",\"kind\":\"cost_above\",\"params\":{\"thresholdUsd\":1.0}}",
        "{\"name\":\"latency\",\"kind\":\"latency_above\",\"params\":{\"thresholdMs\":60000}}",
        "{\"name\":\"spend\",\"kind\":\"spend_window\",\"scope\":{\"app\":\"gamma\"},"
                + "\"params\":{\"metric\":\"reasoning_tokens\",\"window\":\"1h\",\"budget\":50000}}",
        "{\"name\":\"rate\",\"kind\":\"rate_window\",\"scope\":{\"app\":\"beta\"},"
                + "\"params\":{\"of\":[\"truncated\"],\"window\":\"1h\",\"threshold\":0.25,\"minCount\":8}}",
        "{\"name\":\"baseline\",\"kind\":\"baseline_deviation\",\"scope\":{\"app\":\"alpha\"},"
                + "\"params\":{\"warmUp\":30,\"sampleSize\":200,\"factor\":3,\"minTokens\":1000}}",
    };

    @Test
    void anomaliesGiveExactlyTheirFindingsAcrossARestart() throws Exception {
        // Given the ten rules of one tenant, applied by the engine
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "it", UserRole.ADMIN, token));
        List<String> ids = new ArrayList<>();
        for (String rule : RULES) {
            ids.add(given().port(port)
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(rule)
                    .post("/api/v1/rules")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id")
                    .toString());
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream().allMatch(id -> book.get().get(id) != null));

        try (TestKafka kafka = new TestKafka(bootstrap)) {
            // When the first half of the hour's traffic is processed, the engine is restarted, and the second half sent
            send(kafka, firstHalf());
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(reviewItems())
                            .containsExactlyInAnyOrder(
                                    new Expected("budget", "app=beta", 1),
                                    new Expected("empty", "app=beta", 1),
                                    new Expected("big", "app=delta|model=o3", 1),
                                    new Expected("usage", "app=alpha|model=o3", 1),
                                    new Expected("latency", "app=alpha|model=o3", 1)));
            engine.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.state() == KafkaStreams.State.RUNNING);
            send(kafka, secondHalf());

            // Then the review queue holds exactly the expected findings with their exact counts, and stays so
            Set<Expected> expected = Set.of(
                    new Expected("baseline", "app=alpha|model=o3", 1), new Expected("secret", "app=alpha|model=o3", 1),
                    new Expected("latency", "app=alpha|model=o3", 1), new Expected("cost", "app=alpha|model=o3", 1),
                    new Expected("usage", "app=alpha|model=o3", 1), new Expected("rate", "app=beta|model=o4-mini", 1),
                    new Expected("budget", "app=beta", 3), new Expected("empty", "app=beta", 3),
                    new Expected("spend", "app=gamma", 2), new Expected("big", "app=delta|model=o3", 2));
            await().atMost(Duration.ofSeconds(60))
                    .during(Duration.ofSeconds(3))
                    .until(() -> Set.copyOf(reviewItems()).equals(expected)
                            && reviewItems().size() == expected.size());

            // And on the findings topic each finding was published once per count, 1..n: no repeat, no gap
            Map<String, List<Long>> counts = publishedCounts(kafka);
            assertThat(counts).hasSize(expected.size());
            counts.values()
                    .forEach(list -> assertThat(list)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, list.size())
                                    .boxed()
                                    .toList()));
        }
    }

    /** 40 normal alpha calls (baseline warm-up), beta 6 normal + 1 truncated, gamma 30,000 tokens, one big delta call. */
    private List<TraceEvent> firstHalf() {
        List<TraceEvent> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(normal("alpha", "o3", 1_000 + 50L * i, 60 + i));
        }
        calls.add(base("alpha", "o3", 120).reasoning(2_000).latency(90_000).build());
        calls.add(base("alpha", "o3", 121).noUsage().build());
        for (int i = 0; i < 6; i++) {
            calls.add(normal("beta", "o4-mini", 1_500, 130 + i));
        }
        calls.add(base("beta", "o4-mini", 140).exhausted().build());
        calls.add(normal("gamma", "o3", 15_000, 150));
        calls.add(normal("gamma", "o3", 15_000, 151));
        calls.add(normal("delta", "o3", 30_000, 160));
        return calls;
    }

    /** 20 normal alpha calls plus an outlier, a leaked key and an expensive call; beta 1 normal + 2 truncated; gamma 45,000; delta again. */
    private List<TraceEvent> secondHalf() {
        List<TraceEvent> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(normal("alpha", "o3", 1_200 + 80L * i, 1_800 + i));
        }
        calls.add(normal("alpha", "o3", 12_000, 1_830));
        calls.add(base("alpha", "o3", 1_831)
                .reasoning(2_000)
                .answer("your key: sk-live-abcd1234")
                .build());
        calls.add(base("alpha", "o3", 1_832).reasoning(2_000).cost("2.50").build());
        calls.add(normal("beta", "o4-mini", 1_500, 1_840));
        calls.add(base("beta", "o4-mini", 1_841).exhausted().build());
        calls.add(base("beta", "o4-mini", 1_842).exhausted().build());
        for (int i = 0; i < 3; i++) {
            calls.add(normal("gamma", "o3", 15_000, 1_850 + i));
        }
        calls.add(normal("delta", "o3", 30_000, 1_860));
        return calls;
    }

    private TraceBuilder base(String app, String model, int second) {
        return call().tenant(tenant).app(app).model(model).cost("0.01").at(hour.plusSeconds(second));
    }

    private TraceEvent normal(String app, String model, long reasoning, int second) {
        return base(app, model, second).reasoning(reasoning).build();
    }

    private void send(TestKafka kafka, List<TraceEvent> calls) throws Exception {
        for (TraceEvent trace : calls) {
            kafka.send(Topics.TRACES, trace.traceId(), mapper.writeValueAsString(trace));
        }
    }

    private List<Expected> reviewItems() {
        List<Map<String, Object>> items = given().port(port)
                .auth()
                .oauth2(token)
                .get("/api/v1/findings?size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return items.stream()
                .map(i -> new Expected(
                        (String) i.get("ruleName"), (String) i.get("groupKey"), ((Number) i.get("count")).longValue()))
                .toList();
    }

    /** Per finding id of this tenant, the counts of its published versions in order. */
    private Map<String, List<Long>> publishedCounts(TestKafka kafka) throws Exception {
        Map<String, List<Long>> counts = new HashMap<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(Topics.FINDINGS)) {
            Finding finding = mapper.readValue(record.value(), Finding.class);
            if (tenant.equals(finding.tenant())) {
                counts.computeIfAbsent(finding.findingId(), id -> new ArrayList<>())
                        .add(finding.count());
            }
        }
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
