package io.thinkwatch.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.model.Finding;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

import org.jboss.logging.Logger;

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

    private final Outbox outbox;
    private final ChannelService channels;
    private final Senders senders;
    private final Messages messages;
    private final AlertsConfig config;
    private final AlertMetrics metrics;
    private final ObjectMapper mapper;
    private final Roles roles;
    private volatile String owner = owner();
    private ScheduledExecutorService ticker;
    private ExecutorService workers;

    public Dispatcher(Outbox outbox, ChannelService channels, Senders senders, Messages messages, AlertsConfig config,
            AlertMetrics metrics, ObjectMapper mapper, Roles roles) {
        this.outbox = outbox;
        this.channels = channels;
        this.senders = senders;
        this.messages = messages;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
        this.roles = roles;
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
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, config.dispatchInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Alert dispatcher %s started", owner);
    }

    /** Stops ticking, waiting (bounded) for the sends in flight to finish and be recorded. */
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ticker.shutdown();
        try {
            long wait = config.requestTimeout().plus(config.connectTimeout()).plusSeconds(5).toMillis();
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
            while (tick() == config.dispatchBatch() && !Thread.currentThread().isInterrupted()) {
                LOG.debug("Full batch dispatched, claiming the next at once");
            }
        } catch (RuntimeException e) {
            LOG.warnf("Alert dispatch failed, trying again next tick: %s", e.toString());
        }
    }

    /** Claims and sends one batch; returns how many rows it claimed. */
    int tick() {
        List<OutboxRow> rows = QuarkusTransaction.requiringNew().call(
                () -> outbox.claim(owner, config.dispatchBatch(), config.lease()));
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, Integer> budget = new HashMap<>();
        List<Future<?>> sends = new ArrayList<>();
        for (OutboxRow row : rows) {
            Channel channel = QuarkusTransaction.requiringNew().call(() -> Channel.<Channel>findById(row.channelId()));
            if (channel == null) {
                continue;
            }
            if (!channel.enabled && row.action() != AlertAction.RESOLVE) {
                QuarkusTransaction.requiringNew().run(() -> defer(row, Duration.ofMinutes(5), "channel disabled"));
                continue;
            }
            if (overLimit(channel, row, budget)) {
                continue;
            }
            ChannelTarget target = channels.target(channel);
            sends.add(workers.submit(() -> deliver(row, target)));
        }
        for (Future<?> send : sends) {
            try {
                send.get();
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
        int used = budget.computeIfAbsent(channel.id, id -> QuarkusTransaction.requiringNew().call(() -> outbox.sentLastHour(id)));
        if (used >= channel.maxPerHour) {
            QuarkusTransaction.requiringNew().run(() -> defer(row, Duration.ofMinutes(1),
                    "rate limit: " + channel.maxPerHour + " notifications per hour"));
            return true;
        }
        budget.put(channel.id, used + 1);
        return false;
    }

    private void defer(OutboxRow row, Duration delay, String reason) {
        try {
            outbox.defer(row, owner, Instant.now().plus(delay), reason);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deliver(OutboxRow row, ChannelTarget target) {
        Instant started = Instant.now();
        AlertMessage message;
        try {
            Finding finding = mapper.readValue(row.findingJson(), Finding.class);
            message = messages.of(row.notificationId(), row.action(), row.groupId(), finding, row.matches(),
                    row.followUp(), row.createdAt());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored finding of notification " + row.id() + " is not readable", e);
        }
        SendResult result = senders.send(message, target);
        int attempt = row.attempts() + 1;
        Outbox.Outcome outcome = result.delivered() ? Outbox.Outcome.DELIVERED
                : result.permanent() || attempt >= config.maxAttempts() ? Outbox.Outcome.GAVE_UP : Outbox.Outcome.RETRY;
        Instant next = outcome == Outbox.Outcome.RETRY ? Instant.now().plus(Backoff.delay(attempt,
                config.retryInitialDelay(), config.retryMaxDelay(), result.retryAfter(),
                ThreadLocalRandom.current().nextDouble())) : null;
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> outbox.record(row, owner, started, result, outcome, next));
        metrics.attempt(outcome, target.kind().wire());
        if (!recorded) {
            LOG.warnf("Notification %s: lease lost before its outcome was recorded", row.notificationId());
        }
        switch (outcome) {
            case DELIVERED -> {
                metrics.sent();
                if (row.action() == AlertAction.TRIGGER && !row.followUp() && message.finding().firstSeenAt() != null) {
                    metrics.delay(Duration.between(message.finding().firstSeenAt(), Instant.now()));
                }
            }
            case GAVE_UP -> {
                metrics.gaveUp();
                LOG.warnf("Notification %s to channel %d gave up after %d attempt(s): %s", row.notificationId(),
                        target.id(), attempt, result.error());
            }
            case RETRY -> LOG.debugf("Notification %s attempt %d failed, next at %s: %s", row.notificationId(),
                    attempt, next, result.error());
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
