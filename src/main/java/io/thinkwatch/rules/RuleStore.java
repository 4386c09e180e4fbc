package io.thinkwatch.rules;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.thinkwatch.errors.Conflict;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.rules.evaluators.RuleInvalid;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores rules per tenant: validates, normalizes, and keeps names unique within a tenant. */
@ApplicationScoped
public class RuleStore {

    /** What an import did. */
    public record ImportResult(int created, int updated, int unchanged) {}

    private final ObjectMapper mapper;
    private final AuditLog audit;

    public RuleStore(ObjectMapper mapper, AuditLog audit) {
        this.mapper = mapper;
        this.audit = audit;
    }

    @Transactional
    public List<RuleView> list(String tenant) {
        return Rule.ofTenant(tenant).stream().map(this::view).toList();
    }

    @Transactional
    public RuleView get(String tenant, long id) {
        return view(found(tenant, id));
    }

    @Transactional
    public RuleView create(Caller caller, RuleDefinition definition) {
        RuleDefinition normalized = normalize(definition, "");
        if (Rule.byName(caller.tenant(), normalized.name()) != null) {
            throw nameTaken(normalized.name());
        }
        Rule rule = insert(caller, normalized);
        audited(caller, "rule.create", rule, null);
        return view(rule);
    }

    @Transactional
    public RuleView update(Caller caller, long id, RuleDefinition definition) {
        Rule rule = found(caller.tenant(), id);
        RuleDefinition normalized = normalize(definition, "");
        Rule other = Rule.byName(caller.tenant(), normalized.name());
        if (other != null && !other.id.equals(rule.id)) {
            throw nameTaken(normalized.name());
        }
        String action = change(definition(rule), normalized);
        replace(caller, rule, normalized);
        audited(caller, action, rule, null);
        return view(rule);
    }

    @Transactional
    public void delete(Caller caller, long id) {
        Rule rule = found(caller.tenant(), id);
        audited(caller, "rule.delete", rule, null);
        rule.delete();
    }

    /** Creates or replaces (by name) every rule of a file, all or nothing. */
    @Transactional
    public ImportResult importRules(Caller caller, List<RuleDefinition> definitions) {
        Set<String> names = new HashSet<>();
        List<RuleDefinition> normalized = new java.util.ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            RuleDefinition rule = normalize(definitions.get(i), "rules[" + i + "].");
            if (!names.add(rule.name())) {
                String detail = "rules[" + i + "].name: '" + rule.name() + "' appears twice in the file";
                throw new Invalid("invalid rule file: " + detail, List.of(detail));
            }
            normalized.add(rule);
        }
        int created = 0;
        int updated = 0;
        for (RuleDefinition rule : normalized) {
            Rule existing = Rule.byName(caller.tenant(), rule.name());
            if (existing == null) {
                audited(caller, "rule.create", insert(caller, rule), "import");
                created++;
            } else if (!json(rule).equals(existing.definition)) {
                String action = change(definition(existing), rule);
                replace(caller, existing, rule);
                audited(caller, action, existing, "import");
                updated++;
            }
        }
        return new ImportResult(created, updated, normalized.size() - created - updated);
    }

    @Transactional
    public List<RuleDefinition> export(String tenant) {
        return Rule.ofTenant(tenant).stream().map(this::definition).toList();
    }

    /** A stored rule ready to run, e.g. in a backtest. */
    @Transactional
    public CompiledRule compiled(String tenant, long id) {
        Rule rule = found(tenant, id);
        return RuleCompiler.compile(Long.toString(rule.id), rule.version, rule.tenant, definition(rule));
    }

    /** A rule that is not saved (id {@code draft}), checked like a saved one. */
    public static CompiledRule draft(String tenant, RuleDefinition definition) {
        normalize(definition, "");
        return RuleCompiler.compile("draft", 0, tenant, definition);
    }

    /** True when the tenant has no rule at all. */
    @Transactional
    public boolean none(String tenant) {
        return Rule.count("tenant", tenant) == 0;
    }

    public RuleDefinition definition(Rule rule) {
        try {
            return mapper.readValue(rule.definition, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule " + rule.id + " is not readable", e);
        }
    }

    private Rule insert(Caller caller, RuleDefinition normalized) {
        Rule rule = new Rule();
        rule.tenant = caller.tenant();
        rule.createdAt = Instant.now();
        rule.version = 0;
        replace(caller, rule, normalized);
        rule.persist();
        return rule;
    }

    private void replace(Caller caller, Rule rule, RuleDefinition normalized) {
        rule.name = normalized.name();
        rule.kind = RuleKind.fromWire(normalized.kind());
        rule.enabled = normalized.enabled();
        rule.definition = json(normalized);
        rule.version++;
        rule.updatedAt = Instant.now();
        rule.updatedBy = caller.name();
    }

    /** {@code rule.enable} or {@code rule.disable} when only that changed, otherwise {@code rule.update}. */
    private String change(RuleDefinition before, RuleDefinition after) {
        RuleDefinition same = new RuleDefinition(
                after.name(),
                after.description(),
                after.kind(),
                after.params(),
                after.scope(),
                after.severity(),
                after.groupBy(),
                after.dedupWindow(),
                after.channels(),
                before.enabled());
        if (!java.util.Objects.equals(before.enabled(), after.enabled())
                && json(same).equals(json(before))) {
            return Boolean.TRUE.equals(after.enabled()) ? "rule.enable" : "rule.disable";
        }
        return "rule.update";
    }

    private void audited(Caller caller, String action, Rule rule, String source) {
        audit.recordAs(
                caller.tenant(),
                caller.name(),
                action,
                "rule",
                Long.toString(rule.id),
                AuditLog.detail(
                        "name",
                        rule.name,
                        "kind",
                        rule.kind.wire(),
                        "enabled",
                        rule.enabled,
                        "version",
                        rule.version,
                        "via",
                        source));
    }

    private static RuleDefinition normalize(RuleDefinition definition, String prefix) {
        try {
            return RuleCompiler.normalize(definition);
        } catch (RuleInvalid e) {
            List<String> details = e.details().stream().map(d -> prefix + d).toList();
            throw new Invalid("invalid rule: " + String.join("; ", details), details);
        }
    }

    private static Rule found(String tenant, long id) {
        Rule rule = Rule.byId(tenant, id);
        if (rule == null) {
            throw new NotFound("rule " + id);
        }
        return rule;
    }

    private static Conflict nameTaken(String name) {
        return new Conflict(
                "a rule named '" + name + "' already exists", List.of("name: '" + name + "' is taken in this tenant"));
    }

    private String json(RuleDefinition definition) {
        try {
            return mapper.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule definitions are always writable", e);
        }
    }

    private RuleView view(Rule rule) {
        return RuleView.of(rule, definition(rule));
    }
}
