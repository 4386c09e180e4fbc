package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The judge's spend per tenant and UTC day in PostgreSQL ({@code judge_spend}), shared by every monitor instance:
 * an atomic upsert per judged call, read before each call to keep the daily budget.
 */
@ApplicationScoped
public class SpendLedger implements ModelJudge.Ledger {

    /**
     * Panache's entity manager, as the rest of the code base reaches it: an injected one makes Quarkus open a session
     * at start-up, which fails where no database is configured (a capture-only sidecar).
     */
    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    @Override
    @Transactional
    public Spend of(String tenant, LocalDate day) {
        List<Tuple> rows = em().createNativeQuery(
                        "select calls, tokens, cost_usd from judge_spend where tenant = ?1 and day = ?2", Tuple.class)
                .setParameter(1, tenant)
                .setParameter(2, day)
                .getResultList();
        if (rows.isEmpty()) {
            return Spend.NONE;
        }
        Tuple row = rows.get(0);
        return new Spend(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue(), (BigDecimal) row.get(2));
    }

    @Override
    @Transactional
    public void add(String tenant, LocalDate day, long tokens, BigDecimal cost) {
        em().createNativeQuery(
                        "insert into judge_spend (tenant, day, calls, tokens, cost_usd) values (?1, ?2, 1, ?3, ?4)"
                                + " on conflict (tenant, day) do update set calls = judge_spend.calls + 1,"
                                + " tokens = judge_spend.tokens + excluded.tokens,"
                                + " cost_usd = judge_spend.cost_usd + excluded.cost_usd")
                .setParameter(1, tenant)
                .setParameter(2, day)
                .setParameter(3, tokens)
                .setParameter(4, cost)
                .executeUpdate();
    }

    /** Tenants whose judge stopped for today's budget, with what ran out. */
    @Transactional
    public List<Tuple> exhaustedToday(LocalDate day) {
        return em().createNativeQuery(
                        "select e.tenant, case when e.daily_token_budget is not null"
                                + " and s.tokens >= e.daily_token_budget then 'tokens' else 'money' end"
                                + " from judge_endpoint e join judge_spend s on s.tenant = e.tenant and s.day = ?1"
                                + " where (e.daily_token_budget is not null and s.tokens >= e.daily_token_budget)"
                                + " or (e.daily_usd_budget is not null and s.cost_usd >= e.daily_usd_budget)"
                                + " order by e.tenant",
                        Tuple.class)
                .setParameter(1, day)
                .getResultList();
    }
}
