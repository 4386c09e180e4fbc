package io.thinkwatch.capture;

import java.io.IOException;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Where each serialized trace goes: straight to Kafka while it answers, else to the on-disk spool behind the
 * traces already there, until {@link SpoolDrainer} has sent the spool and Kafka answers again. Used by the
 * publisher thread; other threads only read {@link #spooling} and {@link #spoolFull}.
 */
final class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final DirectSends direct;
    private final SpoolDrainer drainer;
    private final TraceSpool spool;
    private final DropCounter drops;
    private final PublisherMetrics metrics;
    private final LongSupplier nanos;
    private volatile boolean spooling;
    private volatile boolean spoolFull;

    Delivery(
            DirectSends direct,
            SpoolDrainer drainer,
            TraceSpool spool,
            DropCounter drops,
            PublisherMetrics metrics,
            LongSupplier nanos) {
        this.direct = direct;
        this.drainer = drainer;
        this.spool = spool;
        this.drops = drops;
        this.metrics = metrics;
        this.nanos = nanos;
        if (!spool.isEmpty()) {
            spooling = true;
            LOG.infof(
                    "The spool holds %d traces (%d bytes) from an earlier run; they are sent first",
                    spool.records(), spool.bytes());
        }
    }

    /** Sends the trace, or spools it while Kafka is away or the spool still holds older traces. */
    void deliver(Outgoing out) {
        spoolFailedSends();
        if (spooling || !spool.isEmpty()) {
            toSpool(out);
        } else if (!direct.send(out)) {
            spooling = true;
            toSpool(out);
        }
    }

    /** The periodic part: spool failed sends, notice a silent Kafka, send the spool, go back to direct sends. */
    void tick() {
        spoolFailedSends();
        long now = nanos.getAsLong();
        if (!spooling && direct.silent(now)) {
            spooling = true;
            LOG.warnf(
                    "Kafka has not answered for %d ms; traces go to the spool until it does", direct.silentMillis(now));
        }
        if (drainer.step(now) && spooling && !direct.silent(now)) {
            spooling = false;
            LOG.info("Kafka takes traces again and the spool is empty; sending directly");
        }
    }

    /** On shutdown, after the producer has answered every send: what failed goes to the spool for the next start. */
    void close() {
        spoolFailedSends();
        drainer.settleIfAnswered(nanos.getAsLong());
    }

    /** Kafka is away: traces go to the spool. */
    boolean spooling() {
        return spooling;
    }

    /** The spool has no room: traces are dropped. */
    boolean spoolFull() {
        return spoolFull;
    }

    private void spoolFailedSends() {
        for (Outgoing failed; (failed = direct.pollFailed()) != null; ) {
            spooling = true;
            toSpool(failed);
        }
    }

    private void toSpool(Outgoing out) {
        try {
            if (spool.add(out.key(), out.value())) {
                metrics.spooled();
                if (spoolFull) {
                    spoolFull = false;
                    LOG.info("The spool has room again");
                }
                return;
            }
        } catch (IOException e) {
            LOG.errorf("Could not write to the spool: %s", e.toString());
        }
        spoolFull = true;
        drops.dropped(DropCounter.Reason.SPOOL_FULL, 1);
    }
}
