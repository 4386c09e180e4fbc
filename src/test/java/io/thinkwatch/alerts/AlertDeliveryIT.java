package io.thinkwatch.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.FindingIds;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.Unit;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.review.FindingResolved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Findings published to the real Kafka reach real receivers: WireMock servers standing in for Slack, PagerDuty,
 * Teams and a webhook, and a GreenMail SMTP server; through the real outbox in PostgreSQL.
 */
@QuarkusTest
class AlertDeliveryIT {

    static final WireMockServer RECEIVER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static KafkaProducer<String, String> producer;

    @Inject
    ObjectMapper mapper;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Event<FindingResolved> resolved;

    @Inject
    Instance<DataSource> db;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "thinkwatch.console.public-url")
    String publicUrl;

    @BeforeAll
    static void start() {
        RECEIVER.start();
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        org.eclipse.microprofile.config.ConfigProvider.getConfig()
                                .getValue("kafka.bootstrap.servers", String.class),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close(Duration.ofSeconds(5));
        RECEIVER.stop();
    }

    // ---- helpers ----

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String receiver(String path) {
        return "http://127.0.0.1:" + RECEIVER.port() + path;
    }

    private JsonPath createChannel(String json) {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private JsonPath deliveries(long channelId) {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/channels/{id}/deliveries", channelId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Finding finding(String ruleId, Severity severity, long count, String channel) {
        Instant window = Instant.parse("2026-01-01T00:00:00Z");
        return new Finding(
                FindingIds.of(ruleId, "app=checkout|model=o3", window),
                "default",
                ruleId,
                "Empty answers",
                RuleKind.EMPTY_ANSWER_AFTER_REASONING,
                severity,
                "app=checkout|model=o3",
                window,
                window.plus(10, ChronoUnit.MINUTES),
                window,
                window.plusSeconds(count),
                count,
                List.of("trace-1"),
                "checkout",
                "o3",
                4000.0,
                null,
                Unit.TOKENS,
                4000L * count,
                4000L,
                new BigDecimal("0.24").multiply(BigDecimal.valueOf(count)),
                "empty answer after 4000 reasoning tokens",
                List.of(channel));
    }

    private void publish(Finding finding) throws Exception {
        producer.send(new ProducerRecord<>(Topics.FINDINGS, finding.findingId(), mapper.writeValueAsString(finding)))
                .get();
    }

    /** Whether the findings consumer took the finding in (it stores the count of every finding it accepts). */
    private boolean taken(String findingId) throws Exception {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from alert_finding where finding_id = ?")) {
            s.setString(1, findingId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * The channel's only notification is done (sent) after one delivered attempt: a row whose outcome is recorded is
     * never claimed again, so the receiver's one request is all it will get.
     */
    private JsonPath sentOnce(long channelId, String path) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "sent".equals(deliveries(channelId).getString("items[0].state")));
        JsonPath log = deliveries(channelId);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getInt("items[0].attempts")).isEqualTo(1);
        assertThat(log.getList("items[0].attemptLog.outcome")).containsExactly("delivered");
        assertThat(requestsTo(path)).hasSize(1);
        return log;
    }

    private List<LoggedRequest> requestsTo(String path) {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private JsonNode onlyRequestBody(String path) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsTo(path).size() >= 1);
        List<LoggedRequest> requests = requestsTo(path);
        assertThat(requests).hasSize(1);
        return mapper.readTree(requests.get(0).getBodyAsString());
    }

    // ---- one channel kind each ----

    @Test
    void slackReceivesABlockKitMessageWithTheFactsAndALink() throws Exception {
        // Given a Slack channel and a critical finding of 3 matches naming it
        String path = "/slack/" + unique("s");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200).withBody("ok")));
        String name = unique("slack");
        createChannel("""
                {"name":"%s","kind":"slack","minSeverity":"warning","settings":{"url":"%s"}}""".formatted(name, receiver(path)));
        Finding finding = finding(unique("rule"), Severity.CRITICAL, 3, name);

        // When it is published
        publish(finding);

        // Then Slack gets one Block Kit message with the rule, severity, numbers and a link to the finding
        JsonNode body = onlyRequestBody(path);
        assertThat(body.at("/text").asText())
                .isEqualTo("[CRITICAL] Empty answers: empty answer after 4000 reasoning tokens (3 matching calls)");
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(body.at("/blocks/0/text/text").asText())
                .isEqualTo("[CRITICAL] Empty answers: empty answer after 4000 reasoning tokens");
        assertThat(body.at("/blocks/1/text/text").asText()).isEqualTo("*3 matching calls*");
        List<String> fields = body.at("/blocks/1/fields").findValuesAsText("text");
        assertThat(fields)
                .contains(
                        "*Rule*\nEmpty answers",
                        "*Severity*\ncritical",
                        "*App*\ncheckout",
                        "*Model*\no3",
                        "*Reasoning tokens*\n12,000",
                        "*Output budget*\n4,000",
                        "*Cost*\n$0.72");
        assertThat(body.at("/blocks/2/elements/0/url").asText())
                .isEqualTo(publicUrl + "/findings/" + finding.findingId());
    }

    @Test
    void pagerDutyIsTriggeredOncePerGroupAndResolvedFromTheConsole() throws Exception {
        // Given a PagerDuty channel that has been paged for a finding
        String path = "/pagerduty/" + unique("p");
        RECEIVER.stubFor(post(path)
                .willReturn(aResponse()
                        .withStatus(202)
                        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        String name = unique("pd");
        createChannel("""
                {"name":"%s","kind":"pagerduty","settings":{"routingKey":"R0UT1NGK3Y00000000000000000000","url":"%s"}}""".formatted(name, receiver(path)));
        String ruleId = unique("rule");
        Finding finding = finding(ruleId, Severity.CRITICAL, 1, name);
        publish(finding);
        JsonNode trigger = onlyRequestBody(path);
        String dedupKey = FindingGroups.id("default", ruleId, "app=checkout|model=o3");
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NGK3Y00000000000000000000");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo(dedupKey);
        assertThat(trigger.at("/payload/summary").asText())
                .isEqualTo("[CRITICAL] Empty answers: empty answer after 4000 reasoning tokens (1 matching call)");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("checkout");

        // When a reviewer resolves the finding (the review workflow fires this event in its transaction)
        QuarkusTransaction.requiringNew().run(() -> resolved.fire(new FindingResolved("default", finding.findingId())));

        // Then PagerDuty gets a resolve for the same dedup key
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsTo(path).size() == 2);
        JsonNode resolve = mapper.readTree(requestsTo(path).get(1).getBodyAsString());
        assertThat(resolve.toString())
                .isEqualTo("{\"routing_key\":\"R0UT1NGK3Y00000000000000000000\","
                        + "\"event_action\":\"resolve\",\"dedup_key\":\"" + dedupKey + "\"}");
    }

    @Test
    void resolvingTheReviewItemInTheConsoleResolvesThePagerDutyIncident() throws Exception {
        // Given a PagerDuty channel paged for a finding that is also in the review queue
        String path = "/pagerduty/" + unique("p");
        RECEIVER.stubFor(post(path)
                .willReturn(aResponse()
                        .withStatus(202)
                        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        String name = unique("pd");
        createChannel("""
                {"name":"%s","kind":"pagerduty","settings":{"routingKey":"R0UT1NGK3Y00000000000000000000","url":"%s"}}""".formatted(name, receiver(path)));
        String ruleId = unique("rule");
        Finding finding = finding(ruleId, Severity.CRITICAL, 1, name);
        publish(finding);
        assertThat(onlyRequestBody(path).get("event_action").asText()).isEqualTo("trigger");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().port(consolePort)
                                .auth()
                                .oauth2(adminToken)
                                .get("/api/v1/findings/{id}", finding.findingId())
                                .statusCode()
                        == 200);

        // When a reviewer resolves it through the review API (ReviewService.transition)
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"state\":\"resolved\",\"note\":\"budget raised\"}")
                .post("/api/v1/findings/{id}/transition", finding.findingId())
                .then()
                .statusCode(200);

        // Then PagerDuty gets exactly one resolve for the group's dedup key
        String dedupKey = FindingGroups.id("default", ruleId, "app=checkout|model=o3");
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsTo(path).size() >= 2);
        List<LoggedRequest> requests = requestsTo(path);
        assertThat(requests).hasSize(2);
        assertThat(mapper.readTree(requests.get(1).getBodyAsString()).toString())
                .isEqualTo("{\"routing_key\":\"R0UT1NGK3Y00000000000000000000\","
                        + "\"event_action\":\"resolve\",\"dedup_key\":\"" + dedupKey + "\"}");
    }

    @Test
    void teamsReceivesAnAdaptiveCard() throws Exception {
        // Given a Teams channel
        String path = "/teams/" + unique("t");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(202)));
        String name = unique("teams");
        createChannel("""
                {"name":"%s","kind":"teams","settings":{"url":"%s"}}""".formatted(name, receiver(path)));
        Finding finding = finding(unique("rule"), Severity.WARNING, 2, name);

        // When a warning finding names it
        publish(finding);

        // Then Teams gets a message with one Adaptive Card: title, count, facts and a link
        JsonNode body = onlyRequestBody(path);
        assertThat(body.at("/type").asText()).isEqualTo("message");
        assertThat(body.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = body.at("/attachments/0/content");
        assertThat(card.at("/type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.at("/body/0/text").asText())
                .isEqualTo("[WARNING] Empty answers: empty answer after 4000 reasoning tokens");
        assertThat(card.at("/body/1/text").asText()).isEqualTo("2 matching calls");
        assertThat(card.at("/body/2/facts/2/title").asText()).isEqualTo("App");
        assertThat(card.at("/body/2/facts/2/value").asText()).isEqualTo("checkout");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo(publicUrl + "/findings/" + finding.findingId());
    }

    @Test
    void webhookIsSignedOverTimestampAndBody() throws Exception {
        // Given a webhook channel with its generated signing secret
        String path = "/hook/" + unique("w");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(204)));
        String name = unique("hook");
        String secret = createChannel("""
                {"name":"%s","kind":"webhook","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getString("signingSecret");
        Finding finding = finding(unique("rule"), Severity.WARNING, 4, name);

        // When a finding names it
        publish(finding);

        // Then the receiver can verify the signature and read the documented payload
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsTo(path).size() == 1);
        LoggedRequest request = requestsTo(path).get(0);
        String timestamp = request.getHeader("X-Thinkwatch-Timestamp");
        assertThat(request.getHeader("X-Thinkwatch-Signature"))
                .isEqualTo(WebhookSignature.sign(secret, Long.parseLong(timestamp), request.getBodyAsString()));
        JsonNode body = mapper.readTree(request.getBodyAsString());
        assertThat(body.get("id").asText()).isEqualTo(request.getHeader("X-Thinkwatch-Id"));
        assertThat(body.get("type").asText()).isEqualTo("finding.triggered");
        assertThat(body.get("matches").asLong()).isEqualTo(4);
        assertThat(body.get("followUp").asBoolean()).isFalse();
        assertThat(body.get("text").asText()).isEqualTo("4 matching calls");
        assertThat(body.at("/finding/findingId").asText()).isEqualTo(finding.findingId());
        assertThat(body.at("/finding/ruleId").asText()).isEqualTo(finding.ruleId());
        assertThat(body.get("link").asText()).isEqualTo(publicUrl + "/findings/" + finding.findingId());
    }

    @Test
    void emailArrivesAsPlainTextAndEscapedHtml() throws Exception {
        // Given an email channel on the GreenMail SMTP server
        String name = unique("mail");
        createChannel("""
                {"name":"%s","kind":"email","settings":{"to":["oncall@example.com"],"from":"thinkwatch@example.com",
                 "host":"127.0.0.1","port":%d,"startTls":"disabled"}}""".formatted(name, SMTP.getSmtp().getPort()));
        String ruleId = unique("rule");
        Finding finding = finding(ruleId, Severity.CRITICAL, 1, name);

        // When a finding names it
        publish(finding);

        // Then one mail arrives with a text and an HTML part
        await().atMost(Duration.ofSeconds(30))
                .until(() -> List.of(SMTP.getReceivedMessages()).stream()
                        .anyMatch(m -> plainText(m).contains(finding.findingId())));
        MimeMessage mail = List.of(SMTP.getReceivedMessages()).stream()
                .filter(m -> plainText(m).contains(finding.findingId()))
                .findFirst()
                .orElseThrow();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(mail.getSubject())
                .isEqualTo("[Thinkwatch] [CRITICAL] Empty answers: empty answer after 4000 reasoning tokens");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("App: checkout", "1 matching call");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("<td>checkout</td>");
    }

    /** The decoded text part (transfer encodings may wrap long lines of the raw body). */
    private static String plainText(MimeMessage m) {
        try {
            return m.getContent() instanceof MimeMultipart parts
                    ? parts.getBodyPart(0).getContent().toString()
                    : "";
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            return "";
        }
    }

    // ---- delivery guarantees ----

    @Test
    void receiverThatIsDownIsRetriedUntilItAnswers() throws Exception {
        // Given a webhook receiver that first drops the connection, then answers 429 with Retry-After, then 200
        String path = "/flaky/" + unique("f");
        String scenario = unique("flaky");
        RECEIVER.stubFor(post(path)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("limited"));
        RECEIVER.stubFor(post(path)
                .inScenario(scenario)
                .whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("up"));
        RECEIVER.stubFor(post(path)
                .inScenario(scenario)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String name = unique("flaky");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");

        // When a finding names it
        publish(finding(unique("rule"), Severity.CRITICAL, 1, name));

        // Then the same notification is tried three times and delivered, and every attempt is in the log
        await().atMost(Duration.ofSeconds(40))
                .until(() -> "sent".equals(deliveries(channelId).getString("items[0].state")));
        JsonPath log = deliveries(channelId);
        assertThat(log.getInt("items[0].attempts")).isEqualTo(3);
        assertThat(log.getList("items[0].attemptLog.outcome")).containsExactly("retry", "retry", "delivered");
        assertThat(log.getList("items[0].attemptLog.statusCode")).containsExactly(null, 429, 200);
        List<String> ids = requestsTo(path).stream()
                .map(r -> r.getHeader("X-Thinkwatch-Id"))
                .distinct()
                .toList();
        assertThat(ids).hasSize(1);
    }

    @Test
    void receiverThatRefusesForGoodIsGivenUpVisibly() throws Exception {
        // Given a Slack webhook that no longer exists (404)
        String path = "/gone/" + unique("g");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(404).withBody("no_service")));
        String name = unique("gone");
        long channelId = createChannel("""
                {"name":"%s","kind":"slack","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");

        // When a finding names it
        publish(finding(unique("rule"), Severity.CRITICAL, 1, name));

        // Then the notification is given up after that attempt and stays visible with the reason
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "failed".equals(deliveries(channelId).getString("items[0].state")));
        JsonPath log = deliveries(channelId);
        assertThat(log.getString("items[0].lastError")).isEqualTo("HTTP 404: no_service");
        assertThat(log.getList("items[0].attemptLog.outcome")).containsExactly("gave_up");
        String metrics = given().port(consolePort)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics).containsPattern("thinkwatch_alerts_notifications_total\\{outcome=\"gave_up\",?\\} [1-9]");
    }

    @Test
    void burstOf500MatchesOfOneRuleIsOneNotificationWithTheCount() throws Exception {
        // Given a webhook channel, and 500 versions of one finding published in one Kafka transaction
        String path = "/burst/" + unique("b");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        String name = unique("burst");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");
        String ruleId = unique("rule");
        try (KafkaProducer<String, String> tx = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                                        .getValue("kafka.bootstrap.servers", String.class),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("alerts-it-burst")),
                new StringSerializer(),
                new StringSerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            for (int count = 1; count <= 500; count++) {
                Finding version = finding(ruleId, Severity.CRITICAL, count, name);
                Future<RecordMetadata> unused = tx.send(
                        new ProducerRecord<>(Topics.FINDINGS, version.findingId(), mapper.writeValueAsString(version)));
            }

            // When the burst lands
            tx.commitTransaction();
        }

        // Then exactly one notification goes out, saying 500: it is done after one attempt, and none follows
        sentOnce(channelId, path);
        JsonNode body = mapper.readTree(requestsTo(path).get(0).getBodyAsString());
        assertThat(body.get("matches").asLong()).isEqualTo(500);
        assertThat(body.get("text").asText()).isEqualTo("500 matching calls");
    }

    @Test
    void matchesAfterTheNotificationWaitForTheNextWindowAsOneFollowUp() throws Exception {
        // Given a channel that was notified of a finding with 3 matches
        String path = "/followup/" + unique("u");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        String name = unique("followup");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");
        String ruleId = unique("rule");
        publish(finding(ruleId, Severity.CRITICAL, 3, name));
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsTo(path).size() == 1);

        // When 37 more matches of the same finding arrive
        publish(finding(ruleId, Severity.CRITICAL, 40, name));

        // Then nothing more is sent now; one follow-up for the 37 waits for the next window
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(channelId).getList("items").size() == 2);
        JsonPath log = deliveries(channelId);
        assertThat(log.getString("items[0].state")).isEqualTo("pending");
        assertThat(log.getLong("items[0].matches")).isEqualTo(37);
        assertThat(log.getBoolean("items[0].followUp")).isTrue();
        assertThat(requestsTo(path)).hasSize(1);
    }

    @Test
    void findingBelowTheChannelsMinimumSeverityIsNotSent() throws Exception {
        // Given a channel for critical findings only
        String path = "/critical-only/" + unique("c");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        String name = unique("critical");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","minSeverity":"critical","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");
        Finding warning = finding(unique("warning-rule"), Severity.WARNING, 1, name);
        Finding critical = finding(unique("critical-rule"), Severity.CRITICAL, 1, name);

        // When a warning and then a critical finding name it
        publish(warning);
        publish(critical);

        // Then both are taken in, but only the critical one is queued and arrives
        await().atMost(Duration.ofSeconds(30)).until(() -> taken(warning.findingId()) && taken(critical.findingId()));
        JsonPath log = sentOnce(channelId, path);
        assertThat(log.getString("items[0].findingId")).isEqualTo(critical.findingId());
        JsonNode body = mapper.readTree(requestsTo(path).get(0).getBodyAsString());
        assertThat(body.at("/finding/severity").asText()).isEqualTo("critical");
    }

    @Test
    void dispatcherStoppedMidDeliverySendsNothingTwice() throws Exception {
        // Given a slow receiver that is being sent a notification
        String path = "/slow/" + unique("d");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200).withFixedDelay(2500)));
        String name = unique("slow");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");
        publish(finding(unique("rule"), Severity.CRITICAL, 1, name));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "in_flight".equals(deliveries(channelId).getString("items[0].state")));

        // When the dispatcher is stopped mid-delivery and started again
        dispatcher.stop();
        dispatcher.start();

        // Then the delivery was recorded before the stop ended, and the receiver got it exactly once
        assertThat(deliveries(channelId).getString("items[0].state")).isEqualTo("sent");
        sentOnce(channelId, path);
    }

    @Test
    void notificationLeasedByAnotherDispatcherWaitsForItsLeaseAndIsSentOnce() throws Exception {
        // Given a notification claimed by a dispatcher that died before sending (lease 3 s)
        String path = "/leased/" + unique("l");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        String name = unique("leased");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");
        Finding finding = finding(unique("rule"), Severity.CRITICAL, 1, name);
        String groupId = FindingGroups.id("default", finding.ruleId(), finding.groupKey());
        Instant leaseUntil;
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                insert into alert_outbox (notification_id, channel_id, tenant, group_id, action, finding_id, finding,
                    matches, follow_up, state, window_start, due_at, lease_owner, lease_until)
                values (gen_random_uuid(), ?, 'default', ?, 'trigger', ?, ?, 1, false, 'in_flight', now(), now(),
                    'crashed-instance', now() + interval '3 seconds')
                returning lease_until""")) {
            s.setLong(1, channelId);
            s.setString(2, groupId);
            s.setString(3, finding.findingId());
            s.setString(4, mapper.writeValueAsString(finding));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                leaseUntil = r.getTimestamp(1).toInstant();
            }
        }

        // When the live dispatcher keeps ticking
        JsonPath log = sentOnce(channelId, path);

        // Then it left the row alone while leased: its one attempt started after the lease ran out
        assertThat(Instant.parse(log.getString("items[0].attemptLog[0].startedAt")))
                .isAfterOrEqualTo(leaseUntil);
    }

    @Test
    void testEndpointSendsASampleAndLogsIt() {
        // Given a Slack channel
        String path = "/sample/" + unique("x");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200).withBody("ok")));
        long channelId =
                createChannel("""
                {"name":"%s","kind":"slack","settings":{"url":"%s"}}""".formatted(unique("sample"), receiver(path))).getLong("id");

        // When an admin sends a test message
        JsonPath result = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .post("/api/v1/channels/{id}/test", channelId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        // Then it was delivered, the receiver saw the sample, and the test is in the delivery log
        assertThat(result.getBoolean("delivered")).isTrue();
        assertThat(result.getInt("status")).isEqualTo(200);
        assertThat(requestsTo(path))
                .singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("Thinkwatch test message"));
        assertThat(deliveries(channelId).getList("tests.outcome")).containsExactly("test_ok");
    }

    @Test
    void channelOverItsHourlyLimitHoldsFurtherNotifications() throws Exception {
        // Given a channel allowed one notification per hour, which has sent one
        String path = "/limited/" + unique("r");
        RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        String name = unique("limited");
        long channelId = createChannel("""
                {"name":"%s","kind":"webhook","maxPerHour":1,"settings":{"url":"%s"}}""".formatted(name, receiver(path))).getLong("id");
        publish(finding(unique("first-rule"), Severity.CRITICAL, 1, name));
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsTo(path).size() == 1);

        // When a finding of another rule names it
        publish(finding(unique("second-rule"), Severity.CRITICAL, 1, name));

        // Then that notification waits, saying why, and nothing more is sent
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "rate limit: 1 notifications per hour"
                        .equals(deliveries(channelId).getString("items[0].lastError")));
        assertThat(deliveries(channelId).getString("items[0].state")).isEqualTo("retry");
        assertThat(requestsTo(path)).hasSize(1);
    }
}
