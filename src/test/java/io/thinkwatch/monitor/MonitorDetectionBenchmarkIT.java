package io.thinkwatch.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Detection through the real pipeline (issue 21): the whole labelled corpus, in its four provider shapes, goes in by
 * direct ingest with a capture key, the monitor role judges it with one saved rule over every built-in category, and
 * the findings are read back through the API. Precision and recall per category (and per split) go to
 * {@code target/monitor-detection-benchmark.md}. Run with
 * {@code ./mvnw verify -Pbench -Dit.test=MonitorDetectionBenchmarkIT}.
 */
@QuarkusTest
@TestProfile(MonitorIT.WithMonitor.class)
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class MonitorDetectionBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(MonitorDetectionBenchmarkIT.class);

    /** The model each provider shape's traces are recorded with. */
    private static final Map<String, String[]> SHAPES = Map.of(
            "openai", new String[] {"openai", "o4-mini", "responses"},
            "anthropic", new String[] {"anthropic", "claude-sonnet-4-5", "messages"},
            "gemini", new String[] {"gemini", "gemini-2.5-pro", "generateContent"},
            "deepseek", new String[] {"deepseek", "deepseek-reasoner", "chat.completions"});

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    CaptureServer capture;

    @Inject
    RuleBook book;

    @Inject
    ObjectMapper mapper;

    private final String tenant = "detect-" + UUID.randomUUID();
    private final String admin = ApiToken.newSecret();

    private RequestSpecification api() {
        return given().port(port).auth().oauth2(admin).contentType(ContentType.JSON);
    }

    @Test
    void precisionAndRecallPerCategoryThroughThePipeline() throws Exception {
        // Given a tenant with a capture key and one enabled monitor rule over every built-in category, read by the
        // monitor role
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "admin", UserRole.ADMIN, admin));
        int rule = api().body("{\"name\":\"all-categories\",\"kind\":\"reasoning_monitor\",\"groupBy\":[\"app\"]}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String key = api().body("{\"name\":\"bench\"}")
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(book.get().get(String.valueOf(rule))).isNotNull());
        List<MonitorCorpus.Trace> corpus = new ArrayList<>(MonitorCorpus.load("train"));
        List<MonitorCorpus.Trace> unseen = MonitorCorpus.load("unseen");
        corpus.addAll(unseen);

        // When the corpus is ingested in its four provider shapes
        Instant start = Instant.now();
        for (int from = 0; from < corpus.size(); from += 100) {
            ArrayNode batch = mapper.createArrayNode();
            corpus.subList(from, Math.min(corpus.size(), from + 100)).forEach(t -> batch.add(trace(t)));
            String body = mapper.writeValueAsString(batch);
            // (capture learns of a new key within seconds)
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> given().port(capture.port())
                                    .header("X-Thinkwatch-Key", key)
                                    .contentType(ContentType.JSON)
                                    .body(body)
                                    .post("/api/v1/traces")
                                    .statusCode()
                            < 300);
        }

        // Then every trace is stored, the monitor's findings settle, and each is read back with its verdict
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> api().queryParam("size", 0)
                                .get("/api/v1/traces")
                                .jsonPath()
                                .getInt("total")
                        == corpus.size());
        AtomicInteger last = new AtomicInteger(-1);
        AtomicInteger same = new AtomicInteger();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    int total = api().queryParam("rule", rule)
                            .queryParam("state", "open")
                            .queryParam("size", 1)
                            .get("/api/v1/findings")
                            .jsonPath()
                            .getInt("total");
                    same.set(total == last.getAndSet(total) && total > 0 ? same.get() + 1 : 0);
                    return same.get() >= 5;
                });
        Duration elapsed = Duration.between(start, Instant.now());
        Map<String, String> predicted = new HashMap<>();
        String after = null;
        do {
            RequestSpecification page = api().queryParam("rule", rule).queryParam("size", 500);
            if (after != null) {
                page = page.queryParam("after", after);
            }
            JsonPath findings = page.get("/api/v1/findings")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = findings.getList("items");
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                List<String> traces = (List<String>) item.get("traceIds");
                @SuppressWarnings("unchecked")
                Map<String, Object> verdict = (Map<String, Object>) item.get("verdict");
                traces.forEach(
                        id -> predicted.put(id.substring(tenant.length() + 1), (String) verdict.get("category")));
            }
            after = findings.getString("next");
        } while (after != null);

        String report = report(corpus, unseen, predicted, elapsed);
        Files.writeString(Path.of("target", "monitor-detection-benchmark.md"), report);
        LOG.info(report);
        assertThat(predicted).isNotEmpty();
        assertThat(corpus.stream().map(MonitorCorpus.Trace::id)).containsAll(predicted.keySet());
    }

    private ObjectNode trace(MonitorCorpus.Trace t) {
        String[] shape = SHAPES.get(t.shape());
        ObjectNode trace = mapper.createObjectNode();
        trace.put("traceId", tenant + "-" + t.id())
                .put("app", "detection-bench")
                .put("provider", shape[0])
                .put("model", shape[1])
                .put("api", shape[2])
                .put("reasoningText", t.reasoning())
                .put("answer", t.answer() == null ? "Done." : t.answer())
                .put("finishReason", "stop")
                .put("httpStatus", 200);
        trace.putObject("usage")
                .put("inputTokens", 200)
                .put("outputTokens", 200 + t.reasoning().length() / 4)
                .put("reasoningTokens", t.reasoning().length() / 4);
        return trace;
    }

    private static String report(
            List<MonitorCorpus.Trace> corpus,
            List<MonitorCorpus.Trace> unseen,
            Map<String, String> predicted,
            Duration elapsed) {
        List<MonitorCorpus.Trace> train = corpus.subList(0, corpus.size() - unseen.size());
        Map<String, MonitorCorpus.Quality> all = MonitorCorpus.quality(corpus, predicted);
        Map<String, MonitorCorpus.Quality> seen = MonitorCorpus.quality(train, predicted);
        Map<String, MonitorCorpus.Quality> other = MonitorCorpus.quality(unseen, predicted);
        StringBuilder md = new StringBuilder();
        md.append("# Monitor detection through the pipeline\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%d traces (%d train, %d unseen) ingested in four provider shapes, judged by the monitor role"
                                + " (built-in judge, one rule over every category, minScore 0.5), findings read through"
                                + " the API; %d flagged; %d s from the first ingest to settled findings.%n%n",
                        corpus.size(),
                        train.size(),
                        unseen.size(),
                        predicted.size(),
                        elapsed.toSeconds()))
                .append("| category | n | precision | recall | train precision | train recall | unseen precision"
                        + " | unseen recall |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        all.forEach((category, q) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %s | %.2f | %s | %.2f | %s | %.2f |%n",
                category,
                q.support(),
                precision(q),
                q.recall(),
                precision(seen.get(category)),
                seen.get(category).recall(),
                precision(other.get(category)),
                other.get(category).recall())));
        return md.toString();
    }

    /** Precision, or a dash when the category flagged nothing (precision has no value then). */
    private static String precision(MonitorCorpus.Quality q) {
        return q.truePositives() + q.falsePositives() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", q.precision());
    }
}
