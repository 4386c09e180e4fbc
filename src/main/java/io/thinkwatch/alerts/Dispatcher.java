package io.thinkwatch.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.model.Finding;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Delivers due notifications. Every tick it claims due rows under a lease ({@code FOR UPDATE SKIP LOCKED}, so
 * instances share the work), sends them in parallel, and records each outcome with its attempt. A row whose
 * outcome is recorded is never sent again; a row whose dispatcher died mid-send is sent again once its lease
 * runs out (docs/alerts.md: the at-least-once edge). Stopping waits for the sends in flight and records them.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** Sends one message to a channel: the channel's secrets opened, then its kind's sender. */
    @FunctionalInterface
    interface Send {
        SendResult send(AlertMessage message, Channel channel);
    }

    private final DispatchStore store;
    private final Send send;
    private final Messages messages;
    private final AlertsConfig config;
    private final AlertMetrics metrics;
    private final ObjectMapper mapper;
    private final Roles roles;
    private final Clock clock;
    private volatile String owner = owner();
    private ScheduledExecutorService ticker;
    private ExecutorService workers;

    @Inject
    public Dispatcher(
            Outbox outbox,
            ChannelService channels,
            Senders senders,
            Messages messages,
            AlertsConfig config,
            AlertMetrics metrics,
            ObjectMapper mapper,
            Roles roles) {
        this(
                new OutboxDispatchStore(outbox),
                (message, channel) -> senders.send(message, channels.target(channel)),
                messages,
                config,
                metrics,
                mapper,
                roles,
                Clock.systemUTC());
    }

    Dispatcher(
            DispatchStore store,
            Send send,
            Messages messages,
            AlertsConfig config,
            AlertMetrics metrics,
            ObjectMapper mapper,
            Roles roles,
            Clock clock) {
        this.store = store;
        this.send = send;
        this.messages = messages;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
        this.roles = roles;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (roles.has(Role.ALERTS)) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts ticking; does nothing when already started. */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        owner = owner();
        workers = Executors.newFixedThreadPool(config.dispatchThreads(), r -> new Thread(r, "thinkwatch-alerts-send"));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "thinkwatch-alerts-dispatch"));
        // tickSafely catches what a tick throws, so the schedule's future holds nothing to read
        ScheduledFuture<?> unused = ticker.scheduleWithFixedDelay(
                this::tickSafely, 0, config.dispatchInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Alert dispatcher %s started", owner);
    }

    /** Stops ticking, waiting (bounded) for the sends in flight to finish and be recorded. */
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ticker.shutdown();
        try {
            long wait = config.requestTimeout()
                    .plus(config.connectTimeout())
                    .plusSeconds(5)
                    .toMillis();
            if (!ticker.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
                LOG.warn("Alert dispatcher did not finish its sends in time; their leases will run out");
                ticker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        ticker = null;
        LOG.infof("Alert dispatcher %s stopped", owner);
    }

    private void tickSafely() {
        try {
            while (tick(workers) == config.dispatchBatch()
                    && !Thread.currentThread().isInterrupted()) {
                LOG.debug("Full batch dispatched, claiming the next at once");
            }
        } catch (RuntimeException e) {
            LOG.warnf("Alert dispatch failed, trying again next tick: %s", e.toString());
        }
    }

    /** Claims one batch and sends it on {@code sending}; returns how many rows it claimed. */
    int tick(Executor sending) {
        List<OutboxRow> rows = store.claim(owner, config.dispatchBatch(), config.lease());
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, Integer> budget = new HashMap<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (OutboxRow row : rows) {
            Channel channel = store.channel(row.channelId()).orElse(null);
            if (channel == null) {
                continue;
            }
            if (!channel.enabled && row.action() != AlertAction.RESOLVE) {
                defer(row, Duration.ofMinutes(5), "channel disabled");
                continue;
            }
            if (overLimit(channel, row, budget)) {
                continue;
            }
            sends.add(CompletableFuture.runAsync(() -> deliver(row, channel), sending));
        }
        for (CompletableFuture<Void> sent : sends) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                LOG.warnf("Delivery failed unexpectedly: %s", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return rows.size();
    }

    /** The channel's hourly limit (triggers only, counted across this batch too); a row over it waits. */
    private boolean overLimit(Channel channel, OutboxRow row, Map<Long, Integer> budget) {
        if (channel.maxPerHour == 0 || row.action() == AlertAction.RESOLVE || row.attempts() > 0) {
            return false;
        }
        int used = budget.computeIfAbsent(channel.id, store::sentLastHour);
        if (used >= channel.maxPerHour) {
            defer(row, Duration.ofMinutes(1), "rate limit: " + channel.maxPerHour + " notifications per hour");
            return true;
        }
        budget.put(channel.id, used + 1);
        return false;
    }

    private void defer(OutboxRow row, Duration delay, String reason) {
        store.defer(row, owner, clock.instant().plus(delay), reason);
    }

    private void deliver(OutboxRow row, Channel channel) {
        Instant started = clock.instant();
        AlertMessage message;
        try {
            Finding finding = mapper.readValue(row.findingJson(), Finding.class);
            message = messages.of(
                    row.notificationId(),
                    row.action(),
                    row.groupId(),
                    finding,
                    row.matches(),
                    row.followUp(),
                    row.createdAt());
        } catch (IOException e) {
            // No attempt can send it: given up at once, with why (the parser's message may quote the stored text)
            recordAttempt(
                    row,
                    channel,
                    started,
                    SendResult.failed(
                            null,
                            0,
                            "stored finding is not readable (" + e.getClass().getSimpleName() + ")",
                            null,
                            true),
                    null);
            return;
        }
        recordAttempt(row, channel, started, send.send(message, channel), message);
    }

    /** Records the attempt's outcome; {@code message} is null when none could be built. */
    private void recordAttempt(
            OutboxRow row, Channel channel, Instant started, SendResult result, AlertMessage message) {
        int attempt = row.attempts() + 1;
        Outbox.Outcome outcome = result.delivered()
                ? Outbox.Outcome.DELIVERED
                : result.permanent() || attempt >= config.maxAttempts() ? Outbox.Outcome.GAVE_UP : Outbox.Outcome.RETRY;
        Instant next = outcome == Outbox.Outcome.RETRY
                ? clock.instant()
                        .plus(Backoff.delay(
                                attempt,
                                config.retryInitialDelay(),
                                config.retryMaxDelay(),
                                result.retryAfter(),
                                ThreadLocalRandom.current().nextDouble()))
                : null;
        boolean recorded = store.record(row, owner, started, result, outcome, next);
        metrics.attempt(outcome, channel.kind.wire());
        if (!recorded) {
            LOG.warnf("Notification %s: lease lost before its outcome was recorded", row.notificationId());
        }
        switch (outcome) {
            case DELIVERED -> {
                metrics.sent();
                if (row.action() == AlertAction.TRIGGER
                        && !row.followUp()
                        && message.finding().firstSeenAt() != null) {
                    metrics.delay(Duration.between(message.finding().firstSeenAt(), clock.instant()));
                }
            }
            case GAVE_UP -> {
                metrics.gaveUp();
                LOG.warnf(
                        "Notification %s to channel %d gave up after %d attempt(s): %s",
                        row.notificationId(), channel.id, attempt, result.error());
            }
            case RETRY ->
                LOG.debugf(
                        "Notification %s attempt %d failed, next at %s: %s",
                        row.notificationId(), attempt, next, result.error());
        }
    }

    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
