package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

class IngestReaderTest {

    private final ObjectMapper mapper =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final IngestReader reader = new IngestReader(
            mapper, new IngestedTrace.Filler("capture-1", PriceTable.load(java.util.Optional.empty(), mapper)), 3);

    private IngestReader.Result read(String body) {
        return reader.read(body.getBytes(StandardCharsets.UTF_8), ACME);
    }

    private static final IngestedTrace.Owner ACME = new IngestedTrace.Owner("acme", null, null, null);

    private static IngestReader.Refused refused(IngestReader.Result result) {
        assertThat(result).isInstanceOf(IngestReader.Refused.class);
        return (IngestReader.Refused) result;
    }

    @Test
    void minimalTraceIsFilledInLikeACapturedOne() {
        // Given a trace with only a model, usage and an answer cut off by the budget
        String body = """
                {"model":"o3","finishReason":"length","answer":"",
                 "usage":{"inputTokens":10,"outputTokens":4000,"reasoningTokens":4000},
                 "request":{"params":{"maxOutputTokens":4000}},
                 "startedAt":"2026-03-01T12:00:00Z","latencyMs":1500}""";

        // When it is read
        IngestReader.Result result = read(body);

        // Then id, tenant, derived fields and timings are filled in
        assertThat(result).isInstanceOf(IngestReader.Accepted.class);
        TraceEvent t = ((IngestReader.Accepted) result).traces().get(0);
        assertThat(t.traceId()).hasSize(36);
        assertThat(t.tenant()).isEqualTo("acme");
        assertThat(t.provider()).isEqualTo(Provider.OTHER);
        assertThat(t.api()).isEqualTo(Api.INGEST);
        assertThat(t.status()).isEqualTo(TraceStatus.INCOMPLETE);
        assertThat(t.truncated()).isTrue();
        assertThat(t.emptyAnswer()).isTrue();
        assertThat(t.maxOutputTokens()).isEqualTo(4000L);
        assertThat(t.budgetUsed()).isEqualTo(1.0);
        assertThat(t.reasoningShare()).isEqualTo(1.0);
        assertThat(t.usage().visibleOutputTokens()).isZero();
        assertThat(t.usage().source()).isEqualTo(UsageSource.PROVIDER);
        assertThat(t.completedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:01.500Z"));
        assertThat(t.captureInstance()).isEqualTo("capture-1");
    }

    @Test
    void wrongTypeNamesTheFieldAndWhatWasSent() {
        // Given a count sent as a string
        // When it is read
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"usage\":{\"inputTokens\":\"12\"}}"));

        // Then the field and the reason are named
        assertThat(r.details()).containsExactly("usage.inputTokens: must be a whole number, was '12'");
    }

    @Test
    void fractionIsNotACount() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"maxOutputTokens\":1.5}"));

        assertThat(r.details()).containsExactly("maxOutputTokens: must be a whole number, was 1.5");
    }

    @Test
    void unknownEnumValueListsTheKnownOnes() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"api\":\"chat\"}"));

        assertThat(r.details())
                .singleElement()
                .asString()
                .startsWith("api: must be one of chat.completions, responses, messages, generateContent")
                .endsWith("was 'chat'");
    }

    @Test
    void unknownFieldIsRefused() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"usage\":{\"reasoningToken\":5}}"));

        assertThat(r.details()).containsExactly("usage.reasoningToken: unknown field");
    }

    @Test
    void badInstantIsExplained() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"startedAt\":\"yesterday\"}"));

        assertThat(r.details())
                .containsExactly(
                        "startedAt: must be an ISO-8601 instant such as 2026-03-01T12:00:00Z, was 'yesterday'");
    }

    @Test
    void timesFromAClockAheadAreRefusedAndAFewSecondsAreFine() {
        // Given a trace that completed an hour from now, and one a few seconds from now (clocks differ a little)
        Instant hourAhead = Instant.now().plusSeconds(3_600);
        Instant secondsAhead = Instant.now().plusSeconds(5);

        // When read
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"completedAt\":\"" + hourAhead + "\"}"));
        IngestReader.Result fine = read("{\"model\":\"o3\",\"completedAt\":\"" + secondsAhead + "\"}");

        // Then the first is refused naming the field, the second accepted
        assertThat(r.details())
                .singleElement()
                .asString()
                .startsWith("completedAt: more than 5 minutes in the future, was " + hourAhead);
        assertThat(fine).isNotInstanceOf(IngestReader.Refused.class);
    }

    @Test
    void malformedJsonSaysWhere() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",}"));

        assertThat(r.details())
                .singleElement()
                .asString()
                .startsWith("body: not valid JSON: ")
                .contains("line 1");
    }

    @Test
    void invalidUtf8IsRefused() {
        // Given bytes that are not UTF-8 inside a string
        byte[] body = "{\"model\":\"o3\",\"answer\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        body[25] = (byte) 0xC3;

        // When read, then refused as such
        IngestReader.Refused r = refused(reader.read(body, ACME));
        assertThat(r.details()).singleElement().asString().startsWith("body: not valid UTF-8");
    }

    @Test
    void batchWithOneBadEventIsRefusedAsAWholeNamingItsIndex() {
        // Given three events of which the second lacks a model and the third has a negative count
        String body = "[{\"model\":\"o3\"},{\"app\":\"x\"},{\"model\":\"o3\",\"usage\":{\"outputTokens\":-1}}]";

        // When read
        IngestReader.Refused r = refused(read(body));

        // Then nothing is accepted and each problem carries its index
        assertThat(r.message()).contains("nothing of this batch was accepted");
        assertThat(r.details())
                .containsExactly(
                        "[1].model: required, the model the call asked for",
                        "[2].usage.outputTokens: must not be negative, was -1");
    }

    @Test
    void batchOverTheLimitIsRefused() {
        IngestReader.Refused r =
                refused(read("[{\"model\":\"a\"},{\"model\":\"b\"},{\"model\":\"c\"},{\"model\":\"d\"}]"));

        assertThat(r.details()).containsExactly("body: 4 TraceEvents in one array; at most 3");
    }

    @Test
    void aKeyBoundToAnAppFillsItInAndRefusesAnother() {
        // Given a key of acme bound to the app "bot" in "prod"
        IngestedTrace.Owner bound = new IngestedTrace.Owner("acme", "bot", "prod", "k1");

        // When one trace leaves the app out and another names a different one
        IngestReader.Result filled = reader.read("{\"model\":\"o3\"}".getBytes(StandardCharsets.UTF_8), bound);
        IngestReader.Refused other =
                refused(reader.read("{\"model\":\"o3\",\"app\":\"crm\"}".getBytes(StandardCharsets.UTF_8), bound));

        // Then the first is the key's app and environment, the second refused naming the binding
        TraceEvent trace = ((IngestReader.Accepted) filled).traces().get(0);
        assertThat(trace.tenant()).isEqualTo("acme");
        assertThat(trace.app()).isEqualTo("bot");
        assertThat(trace.env()).isEqualTo("prod");
        assertThat(other.details())
                .containsExactly("app: must be left out or be 'bot', the app this capture key is bound to");
    }

    @Test
    void anotherTenantIsRefused() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"tenant\":\"other\"}"));

        assertThat(r.details()).containsExactly("tenant: must be left out or be 'acme', the tenant of this capture");
    }

    @Test
    void reasoningAboveOutputIsRefused() {
        IngestReader.Refused r =
                refused(read("{\"model\":\"o3\",\"usage\":{\"outputTokens\":5,\"reasoningTokens\":9}}"));

        assertThat(r.details()).singleElement().asString().startsWith("usage.reasoningTokens: larger than");
    }

    @Test
    void emptyBodyAndNonObjectsAreRefused() {
        assertThat(refused(read("")).details()).singleElement().asString().startsWith("body: empty");
        assertThat(refused(read("[]")).details()).singleElement().asString().startsWith("body: an empty array");
        assertThat(refused(read("[\"x\"]")).details()).containsExactly("[0]: must be a TraceEvent object, was 'x'");
    }

    @Test
    void duplicateFieldIsRefused() {
        IngestReader.Refused r = refused(read("{\"model\":\"o3\",\"model\":\"o4\"}"));

        assertThat(r.details()).singleElement().asString().contains("Duplicate field 'model'");
    }
}
