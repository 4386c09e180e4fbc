package io.thinkwatch.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.Derived;
import io.thinkwatch.model.EventTime;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.TraceContext;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceIds;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

/**
 * The rules for a TraceEvent sent to direct ingest: what makes one invalid, and how the fields it may leave
 * out (id, tenant, timestamps, derived values) are filled in, the same way capture derives them for a
 * proxied call.
 */
final class IngestedTrace {

    static final int MAX_TAGS = 32;
    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private IngestedTrace() {}

    /** Every reason the trace cannot be accepted, each as {@code field: reason}; empty when it is fine. */
    private static void traceContextProblems(List<String> p, TraceContext c) {
        if (!TraceContext.isTraceId(c.traceId())) {
            p.add("traceContext.traceId: 32 lowercase hex digits, not all zero (the application's trace id)");
        }
        if (!TraceContext.isSpanId(c.spanId())) {
            p.add("traceContext.spanId: 16 lowercase hex digits, not all zero (the application's span id)");
        }
        if (c.traceState() != null && c.traceState().length() > TraceContext.MAX_TRACE_STATE) {
            p.add("traceContext.traceState: at most " + TraceContext.MAX_TRACE_STATE + " characters");
        }
    }

    static List<String> problems(TraceEvent t, Owner owner) {
        List<String> p = new ArrayList<>();
        if (t.model() == null || t.model().isBlank()) {
            p.add("model: required, the model the call asked for");
        } else if (t.model().length() > 256) {
            p.add("model: at most 256 characters");
        }
        if (t.traceId() != null && !TRACE_ID.matcher(t.traceId()).matches()) {
            p.add("traceId: 1 to 128 letters, digits or . _ : - (or leave it out to get a UUIDv7)");
        }
        if (t.tenant() != null && !t.tenant().equals(owner.tenant())) {
            p.add("tenant: must be left out or be '" + owner.tenant() + "', the tenant of "
                    + (owner.keyed() ? "this capture key" : "this capture"));
        }
        if (t.captureKeyId() != null) {
            p.add("captureKeyId: set by capture from the key the request presented; leave it out");
        }
        if (owner.app() != null && t.app() != null && !t.app().equals(owner.app())) {
            p.add("app: must be left out or be '" + owner.app() + "', the app this capture key is bound to");
        }
        if (owner.env() != null && t.env() != null && !t.env().equals(owner.env())) {
            p.add("env: must be left out or be '" + owner.env() + "', the environment this capture key is bound to");
        }
        if (t.traceContext() != null) {
            traceContextProblems(p, t.traceContext());
        }
        if (t.tags() != null && t.tags().size() > MAX_TAGS) {
            p.add("tags: at most " + MAX_TAGS + " pairs, was " + t.tags().size());
        }
        Usage u = t.usage();
        if (u != null) {
            notNegative(p, "usage.inputTokens", u.inputTokens());
            notNegative(p, "usage.cachedInputTokens", u.cachedInputTokens());
            notNegative(p, "usage.outputTokens", u.outputTokens());
            notNegative(p, "usage.reasoningTokens", u.reasoningTokens());
            notNegative(p, "usage.visibleOutputTokens", u.visibleOutputTokens());
            if (u.outputTokens() != null && u.reasoningTokens() != null && u.reasoningTokens() > u.outputTokens()) {
                p.add("usage.reasoningTokens: larger than usage.outputTokens, which includes reasoning tokens");
            }
            if (u.inputTokens() != null && u.cachedInputTokens() != null && u.cachedInputTokens() > u.inputTokens()) {
                p.add("usage.cachedInputTokens: larger than usage.inputTokens, which includes cached input");
            }
        }
        if (t.maxOutputTokens() != null && t.maxOutputTokens() <= 0) {
            p.add("maxOutputTokens: must be positive, was " + t.maxOutputTokens());
        }
        if (t.httpStatus() != null && (t.httpStatus() < 100 || t.httpStatus() > 599)) {
            p.add("httpStatus: must be an HTTP status (100 to 599), was " + t.httpStatus());
        }
        notNegative(p, "latencyMs", t.latencyMs());
        notNegative(p, "timeToFirstTokenMs", t.timeToFirstTokenMs());
        if (t.redactions() != null && t.redactions() < 0) {
            p.add("redactions: must not be negative, was " + t.redactions());
        }
        if (t.costUsd() != null && t.costUsd().signum() < 0) {
            p.add("costUsd: must not be negative, was " + t.costUsd());
        }
        if (t.startedAt() != null && t.completedAt() != null && t.completedAt().isBefore(t.startedAt())) {
            p.add("completedAt: before startedAt");
        }
        if (t.startedAt() != null
                && t.firstTokenAt() != null
                && t.firstTokenAt().isBefore(t.startedAt())) {
            p.add("firstTokenAt: before startedAt");
        }
        Instant latest = Instant.now().plus(EventTime.MAX_AHEAD);
        notAfter(p, "startedAt", t.startedAt(), latest);
        notAfter(p, "firstTokenAt", t.firstTokenAt(), latest);
        notAfter(p, "completedAt", t.completedAt(), latest);
        return p;
    }

    private static void notAfter(List<String> p, String field, Instant value, Instant latest) {
        if (value != null && value.isAfter(latest)) {
            p.add(field + ": more than " + EventTime.MAX_AHEAD.toMinutes() + " minutes in the future, was " + value
                    + " (is the sender's clock right?)");
        }
    }

    private static void notNegative(List<String> p, String field, Long value) {
        if (value != null && value < 0) {
            p.add(field + ": must not be negative, was " + value);
        }
    }

    /**
     * Whose traces a request sends: the tenant, the app and environment of its capture key when the key is bound to
     * them, and the key's id (null for a call without a key, recorded in the default tenant).
     */
    record Owner(String tenant, String app, String env, String keyId) {

        /** The owner a capture key names: its tenant, and its app, environment and id when it is a signed key. */
        static Owner of(KeyGate.Admitted admitted) {
            return admitted.claims() == null
                    ? new Owner(admitted.tenant(), null, null, null)
                    : new Owner(
                            admitted.tenant(),
                            admitted.claims().app(),
                            admitted.claims().env(),
                            admitted.claims().keyId());
        }

        boolean keyed() {
            return keyId != null;
        }
    }

    /** Fills in what a valid trace left out, for one capture instance, priced by its price table. */
    record Filler(String instance, PriceTable prices) {

        TraceEvent fill(TraceEvent t, Owner owner) {
            Instant completedAt = t.completedAt();
            Instant startedAt = t.startedAt();
            if (startedAt == null) {
                Instant end = completedAt != null ? completedAt : Instant.now();
                startedAt = t.latencyMs() != null ? end.minusMillis(t.latencyMs()) : end;
            }
            if (completedAt == null) {
                completedAt = t.latencyMs() != null ? startedAt.plusMillis(t.latencyMs()) : startedAt;
            }
            Long latency = t.latencyMs();
            if (latency == null) {
                latency = Duration.between(startedAt, completedAt).toMillis();
            }
            Long ttft = t.timeToFirstTokenMs();
            if (ttft == null && t.firstTokenAt() != null) {
                ttft = Duration.between(startedAt, t.firstTokenAt()).toMillis();
            }
            Usage usage = usage(t.usage());
            Long maxOutput = t.maxOutputTokens() != null
                    ? t.maxOutputTokens()
                    : t.request() == null || t.request().params() == null
                            ? null
                            : t.request().params().maxOutputTokens();
            TraceStatus status = t.status() != null
                    ? t.status()
                    : Derived.status(t.httpStatus() == null ? 200 : t.httpStatus(), t.finishReason());
            List<ToolCall> tools = t.toolCalls() == null || t.toolCalls().isEmpty() ? null : t.toolCalls();
            Derived derived = Derived.of(
                    status, t.finishReason(), t.answer(), tools == null ? 0 : tools.size(), usage, maxOutput);
            Optional<PriceTable.Cost> cost = t.costUsd() != null
                    ? Optional.empty()
                    : prices.cost(t.model(), t.responseModel(), usage, startedAt);
            return new TraceEvent(
                    t.traceId() != null ? t.traceId() : TraceIds.next(),
                    owner.tenant(),
                    t.app() != null ? t.app() : owner.app(),
                    t.env() != null ? t.env() : owner.env(),
                    t.userId(),
                    t.sessionId(),
                    t.tags(),
                    t.provider() != null ? t.provider() : Provider.OTHER,
                    t.api() != null ? t.api() : Api.INGEST,
                    t.model(),
                    t.responseModel(),
                    t.request(),
                    t.answer(),
                    t.reasoningText(),
                    t.finishReason(),
                    t.rawFinishReason(),
                    status,
                    t.httpStatus(),
                    t.error(),
                    usage,
                    maxOutput,
                    t.reasoningShare() != null ? t.reasoningShare() : derived.reasoningShare(),
                    t.budgetUsed() != null ? t.budgetUsed() : derived.budgetUsed(),
                    t.truncated() != null ? t.truncated() : derived.truncated(),
                    t.emptyAnswer() != null ? t.emptyAnswer() : derived.emptyAnswer(),
                    cost.map(PriceTable.Cost::usd).orElse(t.costUsd()),
                    cost.map(PriceTable.Cost::version).orElse(t.priceVersion()),
                    startedAt,
                    t.firstTokenAt(),
                    completedAt,
                    latency,
                    ttft,
                    t.captureInstance() != null ? t.captureInstance() : instance,
                    0,
                    null,
                    owner.keyId(),
                    t.traceContext(),
                    t.encryptedReasoningBytes(),
                    tools,
                    tools == null ? null : tools.size());
        }

        private static Usage usage(Usage u) {
            if (u == null) {
                return Usage.missing();
            }
            boolean anyCount = u.inputTokens() != null || u.outputTokens() != null || u.reasoningTokens() != null;
            UsageSource source =
                    u.source() != null ? u.source() : anyCount ? UsageSource.PROVIDER : UsageSource.MISSING;
            Long visible = u.visibleOutputTokens();
            if (visible == null && u.outputTokens() != null && u.reasoningTokens() != null) {
                visible = u.outputTokens() - u.reasoningTokens();
            }
            return new Usage(
                    u.inputTokens(),
                    u.cachedInputTokens(),
                    u.outputTokens(),
                    u.reasoningTokens(),
                    visible,
                    source,
                    u.cacheWriteTokens());
        }
    }
}
