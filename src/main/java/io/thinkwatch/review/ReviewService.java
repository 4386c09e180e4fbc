package io.thinkwatch.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.thinkwatch.errors.Conflict;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.Severity;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The review workflow: findings kept idempotently by id, read per tenant, and moved through their states. */
@ApplicationScoped
public class ReviewService {

    /** Who files review items. */
    static final String SYSTEM = "thinkwatch";

    /** One page of findings; {@code next} is the cursor of the following page, null on the last. */
    public record Page(long total, List<FindingView> items, String next) {}

    private final ObjectMapper mapper;
    private final Event<FindingResolved> resolved;
    private final AuditLog audit;

    public ReviewService(ObjectMapper mapper, Event<FindingResolved> resolved, AuditLog audit) {
        this.mapper = mapper;
        this.resolved = resolved;
        this.audit = audit;
    }

    /**
     * Files a new finding as an open review item, or updates the stored one when this version has a higher count.
     * A replayed or older version changes nothing. Must run in a transaction.
     */
    public void upsert(Finding finding) {
        ReviewItem item = ReviewItem.findById(finding.findingId());
        Instant now = Instant.now();
        if (item == null) {
            item = new ReviewItem();
            item.findingId = finding.findingId();
            item.tenant = finding.tenant();
            item.ruleId = finding.ruleId();
            item.kind = finding.kind();
            item.state = FindingState.OPEN;
            item.createdAt = now;
            copy(finding, item, now);
            item.persist();
            ReviewEvent.record(finding.findingId(), SYSTEM, ReviewEvent.Action.OPENED)
                    .persist();
        } else if (finding.count() > item.matchCount) {
            copy(finding, item, now);
        }
    }

    @Transactional
    public Page page(String tenant, FindingQuery query) {
        Map<String, Object> params = query.params(tenant);
        String where = query.where(params, false);
        long total = ReviewItem.count(where, params);
        params = query.params(tenant);
        List<ReviewItem> items = ReviewItem.<ReviewItem>find(
                        query.where(params, true) + " order by firstSeenAt desc, findingId desc", params)
                .page(0, query.size())
                .list();
        String next = null;
        if (items.size() == query.size()) {
            ReviewItem last = items.get(items.size() - 1);
            next = new FindingQuery.Cursor(last.firstSeenAt, last.findingId).encode();
        }
        return new Page(total, items.stream().map(item -> view(item, null)).toList(), next);
    }

    /** Findings of this severity in review, open (nobody looked yet) and acknowledged (being worked). */
    public record SeverityCount(Severity severity, long open, long acknowledged) {}

    /** Open and acknowledged findings per severity, critical first; every severity is listed, with zeros. */
    @Transactional
    public List<SeverityCount> inReviewBySeverity(String tenant) {
        List<Object[]> rows = ReviewItem.getEntityManager()
                .createQuery(
                        "select severity, state, count(*) from "
                                + "ReviewItem where tenant = :tenant and state in :states group by severity, state",
                        Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("states", List.of(FindingState.OPEN, FindingState.ACKNOWLEDGED))
                .getResultList();
        List<SeverityCount> counts = new ArrayList<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO)) {
            long open = 0;
            long acknowledged = 0;
            for (Object[] row : rows) {
                if (severity == row[0]) {
                    long n = ((Number) row[2]).longValue();
                    if (row[1] == FindingState.OPEN) {
                        open = n;
                    } else {
                        acknowledged = n;
                    }
                }
            }
            counts.add(new SeverityCount(severity, open, acknowledged));
        }
        return counts;
    }

    /**
     * Findings in the queue, the calls they matched, and those confirmed or marked false positive, per rule id; a
     * rule that never fired is absent.
     */
    @Transactional
    public Map<String, RuleHits> hitsPerRule(String tenant) {
        List<Object[]> rows = ReviewItem.getEntityManager()
                .createQuery(
                        "select r.ruleId, count(r), coalesce(sum(r.matchCount), 0),"
                                + " sum(case when r.state = ?2 then 1 else 0 end),"
                                + " sum(case when r.state = ?3 then 1 else 0 end)"
                                + " from ReviewItem r where r.tenant = ?1 group by r.ruleId",
                        Object[].class)
                .setParameter(1, tenant)
                .setParameter(2, FindingState.CONFIRMED)
                .setParameter(3, FindingState.FALSE_POSITIVE)
                .getResultList();
        Map<String, RuleHits> hits = new HashMap<>();
        for (Object[] row : rows) {
            hits.put(
                    (String) row[0],
                    new RuleHits(
                            ((Number) row[1]).longValue(),
                            ((Number) row[2]).longValue(),
                            ((Number) row[3]).longValue(),
                            ((Number) row[4]).longValue()));
        }
        return hits;
    }

    /**
     * The findings that list this trace among their first {@value Finding#MAX_TRACE_IDS} traces, newest first: the
     * stored finding's trace ids contain it (jsonb containment, through the {@code review_item_trace_ids}
     * GIN index).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<FindingView> forTrace(String tenant, String traceId) {
        List<ReviewItem> items = ReviewItem.getEntityManager()
                .createNativeQuery("""
                select * from review_item
                where tenant = ?1 and finding -> 'traceIds' @> jsonb_build_array(cast(?2 as text))
                order by first_seen_at desc, finding_id desc""", ReviewItem.class)
                .setParameter(1, tenant)
                .setParameter(2, traceId)
                .getResultList();
        return items.stream().map(item -> view(item, null)).toList();
    }

    @Transactional
    public FindingView get(String tenant, String findingId) {
        ReviewItem item = found(tenant, findingId);
        return view(
                item,
                ReviewEvent.of(findingId).stream()
                        .map(FindingView.HistoryEntry::of)
                        .toList());
    }

    @Transactional
    public FindingView transition(Caller caller, String findingId, FindingState to, String note) {
        ReviewItem item = found(caller.tenant(), findingId);
        FindingState from = item.state;
        if (!from.next().contains(to)) {
            throw new Conflict(
                    "invalid_transition",
                    "a finding that is " + from.wire() + " cannot become " + to.wire(),
                    List.of("state: from " + from.wire() + " one of "
                            + from.next().stream().map(FindingState::wire).toList()));
        }
        item.state = to;
        item.updatedAt = Instant.now();
        ReviewEvent event = ReviewEvent.record(findingId, caller.name(), ReviewEvent.Action.TRANSITION);
        event.fromState = from;
        event.toState = to;
        event.note = note;
        event.persist();
        audit.recordAs(
                caller.tenant(),
                caller.name(),
                "finding.transition",
                "finding",
                findingId,
                AuditLog.detail("from", from.wire(), "to", to.wire(), "note", note != null && !note.isBlank()));
        if (to == FindingState.RESOLVED || to == FindingState.FALSE_POSITIVE) {
            // Joins this transaction: on-call channels are told only if the transition commits.
            resolved.fire(new FindingResolved(caller.tenant(), findingId));
        }
        return get(caller.tenant(), findingId);
    }

    @Transactional
    public FindingView assign(Caller caller, String findingId, String assignee, String note) {
        ReviewItem item = found(caller.tenant(), findingId);
        item.assignee = assignee;
        item.updatedAt = Instant.now();
        ReviewEvent event = ReviewEvent.record(findingId, caller.name(), ReviewEvent.Action.ASSIGN);
        event.assignee = assignee;
        event.note = note;
        event.persist();
        audit.recordAs(
                caller.tenant(),
                caller.name(),
                "finding.assign",
                "finding",
                findingId,
                AuditLog.detail("assignee", assignee == null ? "" : assignee));
        return get(caller.tenant(), findingId);
    }

    @Transactional
    public FindingView note(Caller caller, String findingId, String note) {
        found(caller.tenant(), findingId).updatedAt = Instant.now();
        ReviewEvent event = ReviewEvent.record(findingId, caller.name(), ReviewEvent.Action.NOTE);
        event.note = note;
        event.persist();
        audit.recordAs(caller.tenant(), caller.name(), "finding.note", "finding", findingId, AuditLog.detail());
        return get(caller.tenant(), findingId);
    }

    private void copy(Finding finding, ReviewItem item, Instant now) {
        item.severity = finding.severity();
        item.app = finding.app();
        item.firstSeenAt = finding.firstSeenAt();
        item.lastSeenAt = finding.lastSeenAt();
        item.matchCount = finding.count();
        item.finding = json(finding);
        item.updatedAt = now;
    }

    private static ReviewItem found(String tenant, String findingId) {
        ReviewItem item = ReviewItem.byId(tenant, findingId);
        if (item == null) {
            throw new NotFound("finding " + findingId);
        }
        return item;
    }

    private FindingView view(ReviewItem item, List<FindingView.HistoryEntry> history) {
        try {
            return new FindingView(
                    mapper.readValue(item.finding, Finding.class),
                    item.state,
                    item.assignee,
                    item.createdAt,
                    item.updatedAt,
                    history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored finding " + item.findingId + " is not readable", e);
        }
    }

    private String json(Finding finding) {
        try {
            return mapper.writeValueAsString(finding);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings are always writable", e);
        }
    }
}
