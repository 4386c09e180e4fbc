package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.thinkwatch.model.Severity;
import io.thinkwatch.testing.FakeClock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The dispatcher's state machine against an outbox in memory, a fake clock and a sender answered by the test. */
class DispatcherTest {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().findAndAddModules().build();
    private static final AlertsConfig CONFIG = new SmallRyeConfigBuilder()
            .withMapping(AlertsConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .build()
            .getConfigMapping(AlertsConfig.class);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FakeOutbox outbox = new FakeOutbox(clock);
    private final List<AlertMessage> sent = new ArrayList<>();
    private SendResult answer = SendResult.delivered(200, 12);
    private final Dispatcher dispatcher = new Dispatcher(
            outbox,
            (message, channel) -> {
                sent.add(message);
                return answer;
            },
            new Messages("http://console", CONFIG),
            CONFIG,
            new AlertMetrics(new SimpleMeterRegistry()),
            MAPPER,
            null,
            clock);

    DispatcherTest() {
        Channel channel = new Channel();
        channel.id = 7L;
        channel.kind = ChannelKind.WEBHOOK;
        channel.enabled = true;
        outbox.add(channel);
    }

    @Test
    void aDeliveredNotificationIsDoneAfterOneAttempt() {
        // Given a due notification and a receiver that accepts it
        FakeOutbox.Row row = outbox.add(row(1, 0, findingJson()));

        // When the dispatcher ticks
        dispatcher.tick(Runnable::run);

        // Then it was sent once and is recorded as sent, with one delivered attempt
        assertThat(sent).hasSize(1);
        assertThat(row.state).isEqualTo("sent");
        assertThat(outbox.attempts).containsExactly(new FakeOutbox.Attempt(1, 1, "delivered", null));
    }

    @Test
    void aFailedAttemptIsRetriedAfterABackoff() {
        // Given a due notification and a receiver that is unavailable
        FakeOutbox.Row row = outbox.add(row(1, 0, findingJson()));
        answer = SendResult.failed(503, 5, "HTTP 503", null, false);

        // When the dispatcher ticks
        dispatcher.tick(Runnable::run);

        // Then the row waits for its second attempt, half to all of the initial delay later (equal jitter)
        assertThat(row.state).isEqualTo("retry");
        assertThat(row.attempts).isEqualTo(1);
        assertThat(row.due)
                .isBetween(
                        clock.instant().plus(CONFIG.retryInitialDelay().dividedBy(2)),
                        clock.instant().plus(CONFIG.retryInitialDelay()));
        assertThat(outbox.attempts).containsExactly(new FakeOutbox.Attempt(1, 1, "retry", "HTTP 503"));
    }

    @Test
    void aRetryIsNotSentBeforeItIsDue() {
        // Given a notification whose first attempt failed
        outbox.add(row(1, 0, findingJson()));
        answer = SendResult.failed(503, 5, "HTTP 503", null, false);
        dispatcher.tick(Runnable::run);
        clock.advance(CONFIG.retryInitialDelay().dividedBy(2).minusMillis(1));

        // When the dispatcher ticks again before the backoff has passed
        int claimed = dispatcher.tick(Runnable::run);

        // Then nothing is claimed or sent
        assertThat(claimed).isZero();
        assertThat(sent).hasSize(1);
    }

    @Test
    void theLastAllowedAttemptGivesUp() {
        // Given a notification that failed all but one of its attempts, and a receiver still unavailable
        FakeOutbox.Row row = outbox.add(row(1, CONFIG.maxAttempts() - 1, findingJson()));
        answer = SendResult.failed(503, 5, "HTTP 503", null, false);

        // When the dispatcher ticks
        dispatcher.tick(Runnable::run);

        // Then it is given up, the attempt logged as such
        assertThat(row.state).isEqualTo("failed");
        assertThat(outbox.attempts)
                .containsExactly(new FakeOutbox.Attempt(1, CONFIG.maxAttempts(), "gave_up", "HTTP 503"));
    }

    @Test
    void aNotificationWhoseStoredFindingCannotBeReadIsGivenUp() {
        // Given a due notification whose stored finding is not valid JSON
        FakeOutbox.Row row = outbox.add(row(1, 0, "{\"findingId\": \"f-1\", \"tenant"));

        // When the dispatcher ticks
        dispatcher.tick(Runnable::run);

        // Then nothing is sent; the row is given up with why, and is not claimed again when its lease would run out
        assertThat(sent).isEmpty();
        assertThat(row.state).isEqualTo("failed");
        assertThat(row.lastError).startsWith("stored finding is not readable");
        assertThat(outbox.attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("gave_up");
            assertThat(attempt.error()).doesNotContain("tenant");
        });
    }

    @Test
    void aRowUnderAnotherDispatchersLiveLeaseIsLeftAlone() {
        // Given a notification claimed by a dispatcher that is still sending it
        outbox.add(row(1, 0, findingJson()));
        outbox.claim("other/1", 50, CONFIG.lease());
        clock.advance(CONFIG.lease().minusSeconds(1));

        // When this dispatcher ticks
        int claimed = dispatcher.tick(Runnable::run);

        // Then it does not take the row
        assertThat(claimed).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aRowWhoseLeaseRanOutIsSentByTheNextDispatcher() {
        // Given a notification claimed by a dispatcher that died before recording an outcome, and its lease over
        FakeOutbox.Row row = outbox.add(row(1, 0, findingJson()));
        outbox.claim("dead/1", 50, CONFIG.lease());
        clock.advance(CONFIG.lease().plusSeconds(1));

        // When this dispatcher ticks
        dispatcher.tick(Runnable::run);

        // Then it sends the row and records it as sent; the dead dispatcher can no longer move it
        assertThat(sent).hasSize(1);
        assertThat(row.state).isEqualTo("sent");
        assertThat(outbox.record(
                        row.claimed,
                        "dead/1",
                        clock.instant(),
                        SendResult.delivered(200, 1),
                        Outbox.Outcome.DELIVERED,
                        null))
                .isFalse();
    }

    private OutboxRow row(long id, int attempts, String findingJson) {
        return new OutboxRow(
                id, "n-" + id, 7, "acme", "g-1", AlertAction.TRIGGER, findingJson, 3, false, attempts, clock.instant());
    }

    private static String findingJson() {
        try {
            return MAPPER.writeValueAsString(PagerDutySenderTest.finding(Severity.WARNING, "checkout"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
