package io.thinkwatch.unrecorded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class UnrecordedTallyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void drainReportsEachTenantAndKindOnceAndStartsAgain() {
        // Given three calls of one shape for tenant a and one for tenant b
        UnrecordedTally tally = new UnrecordedTally();
        for (int i = 0; i < 3; i++) {
            tally.add("a", "POST", "/v1/models/*:countTokens", "gemini");
        }
        tally.add("b", "POST", "/v1/models/*:countTokens", "gemini");

        // When it is drained twice
        List<UnrecordedCount> first = tally.drain("capture-1", NOW);
        List<UnrecordedCount> second = tally.drain("capture-1", NOW);

        // Then the first report holds both tenants' counts and the second nothing
        assertThat(first)
                .containsExactlyInAnyOrder(
                        new UnrecordedCount("a", "POST", "/v1/models/*:countTokens", "gemini", 3, "capture-1", NOW),
                        new UnrecordedCount("b", "POST", "/v1/models/*:countTokens", "gemini", 1, "capture-1", NOW));
        assertThat(second).isEmpty();
    }

    @Test
    void countsNotDeliveredAreInTheNextReport() {
        // Given a report Kafka did not take, and one more call since
        UnrecordedTally tally = new UnrecordedTally();
        tally.add("a", "GET", "/v1/models", "openai");
        List<UnrecordedCount> lost = tally.drain("capture-1", NOW);
        tally.add("a", "GET", "/v1/models", "openai");

        // When its counts are restored and the next report is drained
        tally.restore(lost);
        List<UnrecordedCount> next = tally.drain("capture-1", NOW);

        // Then the next report carries both calls
        assertThat(next).singleElement().extracting(UnrecordedCount::count).isEqualTo(2L);
    }

    @Test
    void kindsBeyondTheLimitAreCountedAsOther() {
        // Given a client that calls as many different shapes as the tally keeps
        UnrecordedTally tally = new UnrecordedTally();
        for (int i = 0; i < UnrecordedTally.MAX_KINDS; i++) {
            tally.add("a", "GET", "/shape-" + i, "openai");
        }

        // When it calls two more
        tally.add("a", "GET", "/one-more", "openai");
        tally.add("a", "GET", "/and-another", "openai");

        // Then both are counted under the shape "other" and no new kind is kept
        List<UnrecordedCount> drained = tally.drain("capture-1", NOW);
        assertThat(drained).hasSize(UnrecordedTally.MAX_KINDS + 1);
        assertThat(drained)
                .filteredOn(c -> c.shape().equals(UnrecordedTally.OTHER))
                .singleElement()
                .extracting(UnrecordedCount::count)
                .isEqualTo(2L);
    }
}
