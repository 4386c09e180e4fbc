package io.thinkwatch.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Unit;

/** Builds notifications: links into the console, and the sample that {@code POST /channels/{id}/test} sends. */
@ApplicationScoped
public class Messages {

    private final String publicUrl;
    private final Duration window;

    public Messages(
            @ConfigProperty(name = "thinkwatch.console.public-url", defaultValue = "http://localhost:8080")
                    String publicUrl,
            AlertsConfig config) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.window = config.groupWindow();
    }

    public String link(String findingId) {
        return publicUrl + "/findings/" + findingId;
    }

    public AlertMessage of(
            String notificationId,
            AlertAction action,
            String groupId,
            Finding finding,
            long matches,
            boolean followUp,
            Instant createdAt) {
        return new AlertMessage(
                notificationId,
                action,
                groupId,
                finding,
                matches,
                followUp,
                window,
                link(finding.findingId()),
                createdAt);
    }

    /** A realistic sample finding, clearly marked as a test, for the channel's own tenant and minimum severity. */
    public AlertMessage sample(ChannelTarget channel) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Finding finding = new Finding(
                "00000000-0000-0000-0000-000000000000",
                channel.tenant(),
                "thinkwatch-test",
                "Thinkwatch test message",
                RuleKind.EMPTY_ANSWER_AFTER_REASONING,
                channel.minSeverity(),
                "app=demo|model=o3",
                now,
                now.plus(window),
                now,
                now,
                1,
                List.of(),
                "demo",
                "o3",
                4000.0,
                null,
                Unit.TOKENS,
                4000L,
                4000L,
                new BigDecimal("0.24"),
                "test only: empty answer after 4000 reasoning tokens",
                List.of(channel.name()));
        return new AlertMessage(
                UUID.randomUUID().toString(),
                AlertAction.TEST,
                "thinkwatch-test-" + channel.id(),
                finding,
                1,
                false,
                window,
                publicUrl,
                now);
    }
}
