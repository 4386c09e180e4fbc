package io.thinkwatch.console.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.thinkwatch.review.ReviewItem;

/** How often each rule fired: findings in the review queue and the calls they matched, per rule id. */
record RuleHits(long findings, long matches) {

    static final RuleHits NONE = new RuleHits(0, 0);

    /** Needs a transaction. */
    static Map<String, RuleHits> of(String tenant) {
        List<Object[]> rows = ReviewItem.getEntityManager()
                .createQuery("select r.ruleId, count(r), coalesce(sum(r.matchCount), 0) from ReviewItem r"
                        + " where r.tenant = ?1 group by r.ruleId", Object[].class)
                .setParameter(1, tenant).getResultList();
        Map<String, RuleHits> hits = new HashMap<>();
        for (Object[] row : rows) {
            hits.put((String) row[0], new RuleHits(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        return hits;
    }
}
