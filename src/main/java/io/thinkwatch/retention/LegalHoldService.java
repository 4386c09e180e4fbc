package io.thinkwatch.retention;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.commons.lang3.StringUtils;

import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.errors.Unavailable;
import io.thinkwatch.model.WireName;
import io.thinkwatch.review.ReviewItem;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Places, lists and releases a tenant's legal holds; every change goes to the audit log. */
@ApplicationScoped
public class LegalHoldService {

    static final int MAX_TARGET = 200;
    static final int MAX_REASON = 500;

    private final TraceSearch traces;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    public LegalHoldService(TraceSearch traces, AuditLog audit, ObjectMapper mapper) {
        this.traces = traces;
        this.audit = audit;
        this.mapper = mapper;
    }

    @Transactional
    public List<HoldView> list(String tenant) {
        return LegalHold.ofTenant(tenant).stream().map(HoldView::of).toList();
    }

    /** Holds a trace, a finding's traces or an app of the caller's tenant until released. */
    @Transactional
    public HoldView place(Caller by, HoldRequest request) {
        HoldKind kind = WireName.find(HoldKind.class, request == null ? null : request.kind());
        String target = StringUtils.stripToNull(request == null ? null : request.target());
        String reason = StringUtils.stripToNull(request == null ? null : request.reason());
        List<String> problems = new ArrayList<>();
        if (kind == null) {
            problems.add("kind: one of trace, finding, app");
        }
        if (target == null) {
            problems.add("target: required (a trace id, a finding id or an app name)");
        } else if (target.length() > MAX_TARGET) {
            problems.add("target: at most " + MAX_TARGET + " characters");
        }
        if (reason == null) {
            problems.add("reason: required (why the text must be kept, e.g. a case number)");
        } else if (reason.length() > MAX_REASON) {
            problems.add("reason: at most " + MAX_REASON + " characters");
        }
        if (!problems.isEmpty()) {
            throw new Invalid("the legal hold is not valid", problems);
        }
        LegalHold hold = new LegalHold();
        hold.id = UUID.randomUUID().toString().replace("-", "");
        hold.tenant = by.tenant();
        hold.kind = kind;
        hold.target = target;
        hold.traceIds = heldTraces(by.tenant(), kind, target);
        hold.reason = reason;
        hold.placedBy = by.name();
        hold.placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        hold.persist();
        audit.record(
                by.tenant(),
                "hold.place",
                "legal_hold",
                hold.id,
                AuditLog.detail("kind", kind.wire(), "target", target, "traces", hold.traceIds.size()));
        return HoldView.of(hold);
    }

    /** Releases a hold of the caller's tenant; its texts expire at the next content-retention run. */
    @Transactional
    public HoldView release(Caller by, String id) {
        LegalHold hold = LegalHold.<LegalHold>findByIdOptional(id)
                .filter(h -> h.tenant.equals(by.tenant()))
                .orElseThrow(() -> new NotFound("legal hold " + id));
        if (hold.releasedAt == null) {
            hold.releasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            hold.releasedBy = by.name();
            audit.record(
                    by.tenant(),
                    "hold.release",
                    "legal_hold",
                    hold.id,
                    AuditLog.detail("kind", hold.kind.wire(), "target", hold.target));
        }
        return HoldView.of(hold);
    }

    /** The traces a hold names when it is placed; an app's traces are found by the app at each run instead. */
    private List<String> heldTraces(String tenant, HoldKind kind, String target) {
        return switch (kind) {
            case TRACE -> {
                boolean found;
                try {
                    found = traces.byId(tenant, target).isPresent();
                } catch (IOException e) {
                    throw new Unavailable("the trace store did not answer; the hold was not placed");
                }
                if (!found) {
                    throw new NotFound("trace " + target);
                }
                yield List.of(target);
            }
            case FINDING -> findingTraces(tenant, target);
            case APP -> List.of();
        };
    }

    private List<String> findingTraces(String tenant, String findingId) {
        ReviewItem item = ReviewItem.byId(tenant, findingId);
        if (item == null) {
            throw new NotFound("finding " + findingId);
        }
        try {
            List<String> ids = new ArrayList<>();
            JsonNode traceIds = mapper.readTree(item.finding).path("traceIds");
            traceIds.forEach(id -> ids.add(id.asText()));
            return ids;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored finding " + findingId + " is not JSON", e);
        }
    }
}
