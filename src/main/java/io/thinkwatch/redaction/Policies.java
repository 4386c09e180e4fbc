package io.thinkwatch.redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The redaction policy of every call, resolved from three levels, each setting taken from the most specific level
 * that sets it: the tenant's, else the upstream's, else the installation's. A tenant owns its data, so its choice
 * wins over the route a call takes; patterns add up over the three levels (a tenant's pattern replaces one of the
 * same name below it). Built once at start: every problem (an unknown detector, a pattern RE2 refuses, hash mode
 * without a key) stops it with a message naming the setting.
 */
public final class Policies {

    /** Type names of patterns: they appear in markers and metric labels. */
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** The value of {@code detectors} that runs no built-in detector, only patterns. */
    static final String NONE = "none";

    private final String prefix;
    private final Layer global;
    private final Map<String, Layer> tenants;
    private final Map<String, Layer> upstreams;
    private final HashKey key;
    private final Map<String, Pattern> compiled = new ConcurrentHashMap<>();
    private final Map<List<String>, Policy> resolved = new ConcurrentHashMap<>();
    private final Policy base;

    /**
     * @param prefix    the configuration prefix the levels were read under, for messages, e.g.
     *                  {@code thinkwatch.capture.redaction}
     * @param hashKey   base64 of the 32-byte key of hash mode, if set
     */
    public Policies(
            String prefix,
            Layer global,
            Map<String, Layer> tenants,
            Map<String, Layer> upstreams,
            Optional<String> hashKey) {
        this.prefix = prefix;
        this.global = global;
        this.tenants = Map.copyOf(tenants);
        this.upstreams = Map.copyOf(upstreams);
        this.key = hashKey.filter(k -> !k.isBlank())
                .map(k -> HashKey.fromBase64(prefix + ".hash-key", k))
                .orElse(null);
        check(prefix, global);
        this.tenants.forEach((name, layer) -> check(tenantKey(name), layer));
        this.upstreams.forEach((name, layer) -> check(upstreamKey(name), layer));
        this.base = build(null, null);
        for (String tenant : this.tenants.keySet()) {
            policy(tenant, null);
            this.upstreams.keySet().forEach(upstream -> policy(tenant, upstream));
        }
        this.upstreams.keySet().forEach(upstream -> policy(null, upstream));
    }

    /** The policy of a call of {@code tenant} through {@code upstream} (null for direct ingest). */
    public Policy policy(String tenant, String upstream) {
        boolean ownTenant = tenant != null && tenants.containsKey(tenant);
        boolean ownUpstream = upstream != null && upstreams.containsKey(upstream);
        if (!ownTenant && !ownUpstream) {
            return base;
        }
        List<String> key = java.util.Arrays.asList(ownTenant ? tenant : null, ownUpstream ? upstream : null);
        return resolved.computeIfAbsent(key, k -> build(k.get(0), k.get(1)));
    }

    /** Every type a policy here may report: the built-in detectors and every configured pattern. */
    public List<String> types() {
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        for (BuiltIn builtIn : BuiltIn.values()) {
            types.add(builtIn.wire());
        }
        types.addAll(global.patterns().keySet());
        tenants.values().forEach(layer -> types.addAll(layer.patterns().keySet()));
        upstreams.values().forEach(layer -> types.addAll(layer.patterns().keySet()));
        return List.copyOf(types);
    }

    private Policy build(String tenant, String upstream) {
        Layer t = tenant == null ? Layer.NONE : tenants.get(tenant);
        Layer u = upstream == null ? Layer.NONE : upstreams.get(upstream);
        boolean enabled = t.enabled().or(u::enabled).or(global::enabled).orElse(true);
        if (!enabled) {
            return Policy.OFF;
        }
        RedactionMode mode = t.mode().or(u::mode).or(global::mode).orElse(RedactionMode.MASK);
        String modeKey =
                t.mode().isPresent() ? tenantKey(tenant) : u.mode().isPresent() ? upstreamKey(upstream) : prefix;
        if (mode == RedactionMode.HASH && key == null) {
            throw new IllegalArgumentException(modeKey + ".mode is hash, but " + prefix + ".hash-key is not set: hash"
                    + " mode needs a key of 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");
        }
        Map<String, String> patterns = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        collect(patterns, origin, global.patterns(), prefix);
        if (upstream != null) {
            collect(patterns, origin, u.patterns(), upstreamKey(upstream));
        }
        if (tenant != null) {
            collect(patterns, origin, t.patterns(), tenantKey(tenant));
        }
        List<Detector> detectors = new ArrayList<>();
        patterns.forEach((type, pattern) ->
                detectors.add(Detector.custom(type, compile(origin.get(type) + ".patterns." + type, pattern))));
        List<String> builtIns = t.detectors()
                .or(u::detectors)
                .or(global::detectors)
                .map(types -> types.stream().map(String::trim).toList())
                .orElse(null);
        for (BuiltIn builtIn : BuiltIn.values()) {
            // "none" names no built-in detector: only the level's patterns run.
            if (builtIns == null || builtIns.contains(builtIn.wire())) {
                detectors.add(builtIn.detector());
            }
        }
        return detectors.isEmpty() ? Policy.OFF : new Policy(mode, detectors, mode == RedactionMode.HASH ? key : null);
    }

    private static void collect(
            Map<String, String> patterns, Map<String, String> origin, Map<String, String> level, String key) {
        level.forEach((type, pattern) -> {
            patterns.put(type, pattern);
            origin.put(type, key);
        });
    }

    /** The pattern compiled once per setting that defines it (checked valid at start). */
    private Pattern compile(String setting, String pattern) {
        return compiled.computeIfAbsent(setting, k -> Pattern.compile(pattern));
    }

    /** Refuses what no policy could be built from, naming the setting. */
    private static void check(String key, Layer layer) {
        layer.detectors().ifPresent(types -> {
            for (String type : types) {
                if (BuiltIn.of(type.trim()) == null && !NONE.equals(type.trim())) {
                    throw new IllegalArgumentException(key + ".detectors: unknown detector '" + type + "'; known: "
                            + java.util.Arrays.stream(BuiltIn.values())
                                    .map(BuiltIn::wire)
                                    .toList()
                            + " or none");
                }
            }
        });
        layer.patterns().forEach((type, pattern) -> {
            String setting = key + ".patterns." + type;
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException(
                        setting + ": the name must be 1 to 40 lower-case letters, digits or _, starting with a letter");
            }
            if (BuiltIn.of(type) != null) {
                throw new IllegalArgumentException(
                        setting + ": '" + type + "' is a built-in detector; choose another" + " name");
            }
            Pattern re2;
            try {
                re2 = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(setting + ": not a valid RE2 pattern: " + e.getDescription(), e);
            }
            if (re2.matcher("").find()) {
                throw new IllegalArgumentException(
                        setting + ": the pattern matches the empty text; it must match at" + " least one character");
            }
        });
    }

    private String tenantKey(String tenant) {
        return prefix + ".tenants.\"" + tenant + "\"";
    }

    private String upstreamKey(String upstream) {
        return prefix + ".upstreams.\"" + upstream + "\"";
    }
}
