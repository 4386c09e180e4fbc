package io.thinkwatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.rules.evaluators.RuleInvalid;

/**
 * The rules the engine and the monitor apply: every enabled rule, read from PostgreSQL every
 * {@code thinkwatch.rules.reload-interval} (2 s), so a change reaches new traces within seconds without a
 * restart. Only rules whose version changed are compiled again. See docs/decisions/0004-rule-engine.md.
 */
@ApplicationScoped
public class RuleBook implements Supplier<RuleSet> {

    private static final Logger LOG = Logger.getLogger(RuleBook.class);

    private final Roles roles;
    private final RuleStore store;
    private final RuleErrors errors;
    private volatile RuleSet current = RuleSet.EMPTY;
    private final AtomicLong reloads = new AtomicLong();

    public RuleBook(Roles roles, RuleStore store, RuleErrors errors) {
        this.roles = roles;
        this.store = store;
        this.errors = errors;
    }

    @Override
    public RuleSet get() {
        return current;
    }

    /** Every {@link RulesConfig#reloadInterval()}; its default is declared there. */
    @Scheduled(every = "${thinkwatch.rules.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (roles.has(Role.RULES) || roles.has(Role.MONITOR)) {
            errors.flush();
            reload();
        }
    }

    /** How many reloads have finished since the start. */
    public long reloads() {
        return reloads.get();
    }

    /** Reads the enabled rules now. */
    public synchronized void reload() {
        List<Rule> stored = QuarkusTransaction.requiringNew().call(() -> Rule.<Rule>list("enabled", true));
        RuleSet before = current;
        List<CompiledRule> compiled = new ArrayList<>();
        for (Rule rule : stored) {
            String id = Long.toString(rule.id);
            CompiledRule known = before.get(id);
            if (known != null && known.sameAs(id, rule.version)) {
                compiled.add(known);
                continue;
            }
            try {
                compiled.add(RuleCompiler.compile(id, rule.version, rule.tenant, store.definition(rule)));
            } catch (RuleInvalid | IllegalStateException e) {
                errors.record(id, e);
            }
        }
        current = RuleSet.of(compiled);
        reloads.incrementAndGet();
        if (before.byId().size() != compiled.size()) {
            LOG.infof("Rule engine applies %d rules", compiled.size());
        }
    }
}
