package io.thinkwatch.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The enabled rules the engine applies, by id and by tenant; an immutable snapshot. */
public record RuleSet(Map<String, CompiledRule> byId, Map<String, List<CompiledRule>> byTenant) {

    public static final RuleSet EMPTY = new RuleSet(Map.of(), Map.of());

    public static RuleSet of(Collection<CompiledRule> rules) {
        Map<String, CompiledRule> byId = new HashMap<>();
        Map<String, List<CompiledRule>> byTenant = new HashMap<>();
        for (CompiledRule rule : rules) {
            byId.put(rule.id(), rule);
            byTenant.computeIfAbsent(rule.tenant(), t -> new ArrayList<>()).add(rule);
        }
        byTenant.replaceAll((tenant, list) -> List.copyOf(list));
        return new RuleSet(Map.copyOf(byId), Map.copyOf(byTenant));
    }

    public List<CompiledRule> forTenant(String tenant) {
        return byTenant.getOrDefault(tenant == null ? CompiledRule.DEFAULT_TENANT : tenant, List.of());
    }

    /** The rule with this id, or null when it was deleted or disabled. */
    public CompiledRule get(String id) {
        return byId.get(id);
    }
}
