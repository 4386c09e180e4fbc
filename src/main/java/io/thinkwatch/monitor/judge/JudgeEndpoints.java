package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.thinkwatch.alerts.SecretBox;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.Caller;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * Sets, shows and removes a tenant's model judge; the API key goes in sealed with the channel secrets' box and
 * comes out only as a hint. The monitor reads the opened settings through a cache of a few seconds.
 */
@ApplicationScoped
public class JudgeEndpoints {

    private static final Duration SETTINGS_FRESH = Duration.ofSeconds(2);

    private final SecretBox box;
    private final SpendLedger ledger;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();
    private final LoadingCache<String, Optional<JudgeSettings>> settings;

    public JudgeEndpoints(SecretBox box, SpendLedger ledger, AuditLog audit) {
        this.box = box;
        this.ledger = ledger;
        this.audit = audit;
        this.settings = Caffeine.newBuilder()
                .expireAfterWrite(SETTINGS_FRESH)
                .maximumSize(10_000)
                .build(this::load);
    }

    /** The tenant's judge, opened for calling, or empty when it has none (read at most a few seconds ago). */
    public Optional<JudgeSettings> settings(String tenant) {
        return settings.get(tenant);
    }

    @Transactional
    Optional<JudgeSettings> load(String tenant) {
        JudgeEndpoint e = JudgeEndpoint.findById(tenant);
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new JudgeSettings(
                e.tenant,
                e.baseUrl,
                e.model,
                e.apiKey == null ? null : box.open(e.apiKey),
                e.inputUsdPerMtok,
                e.outputUsdPerMtok,
                e.dailyTokenBudget,
                e.dailyUsdBudget,
                e.samplingRate));
    }

    @Transactional
    public JudgeEndpointView get(String tenant) {
        JudgeEndpoint e = JudgeEndpoint.findById(tenant);
        if (e == null) {
            throw new NotFound("model judge");
        }
        return view(e);
    }

    @Transactional
    public JudgeEndpointView put(Caller caller, JudgeEndpointRequest request) {
        List<String> errors = check(request);
        if (!errors.isEmpty()) {
            throw new Invalid("invalid model judge", errors);
        }
        JudgeEndpoint e = JudgeEndpoint.findById(caller.tenant());
        boolean created = e == null;
        if (created) {
            e = new JudgeEndpoint();
            e.tenant = caller.tenant();
        }
        e.baseUrl = request.baseUrl().replaceAll("/+$", "");
        e.model = request.model();
        if (request.apiKey() != null) {
            e.apiKey = request.apiKey().isEmpty() ? null : box.seal(request.apiKey());
        }
        e.inputUsdPerMtok = orZero(request.inputUsdPerMtok());
        e.outputUsdPerMtok = orZero(request.outputUsdPerMtok());
        e.dailyTokenBudget = request.dailyTokenBudget();
        e.dailyUsdBudget = request.dailyUsdBudget();
        e.samplingRate = request.samplingRate() == null ? 1.0 : request.samplingRate();
        e.updatedBy = caller.name();
        e.updatedAt = Instant.now(clock);
        if (created) {
            e.persist();
        }
        settings.invalidate(caller.tenant());
        audit.record(
                caller.tenant(),
                "monitor.judge." + (created ? "create" : "update"),
                "judge",
                caller.tenant(),
                AuditLog.detail("baseUrl", e.baseUrl, "model", e.model));
        return view(e);
    }

    @Transactional
    public void delete(Caller caller) {
        if (!JudgeEndpoint.deleteById(caller.tenant())) {
            throw new NotFound("model judge");
        }
        settings.invalidate(caller.tenant());
        audit.record(caller.tenant(), "monitor.judge.delete", "judge", caller.tenant(), AuditLog.detail());
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    static List<String> check(JudgeEndpointRequest r) {
        List<String> errors = new ArrayList<>();
        if (r == null) {
            return List.of("body: a JSON object is required");
        }
        if (r.baseUrl() == null || !httpUrl(r.baseUrl())) {
            errors.add("baseUrl: an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1");
        }
        if (r.model() == null || r.model().isBlank() || r.model().length() > 200) {
            errors.add("model: required, at most 200 characters");
        }
        if (r.apiKey() != null && r.apiKey().length() > 4_000) {
            errors.add("apiKey: at most 4000 characters");
        }
        for (var price : List.of(
                new Object[] {"inputUsdPerMtok", r.inputUsdPerMtok()},
                new Object[] {"outputUsdPerMtok", r.outputUsdPerMtok()},
                new Object[] {"dailyUsdBudget", r.dailyUsdBudget()})) {
            if (price[1] != null && ((BigDecimal) price[1]).signum() < 0) {
                errors.add(price[0] + ": must not be negative");
            }
        }
        if (r.dailyTokenBudget() != null && r.dailyTokenBudget() < 0) {
            errors.add("dailyTokenBudget: must not be negative");
        }
        if (r.samplingRate() != null && !(r.samplingRate() >= 0 && r.samplingRate() <= 1)) {
            errors.add("samplingRate: between 0 and 1");
        }
        return errors;
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private JudgeEndpointView view(JudgeEndpoint e) {
        Optional<JudgeSettings> opened = load(e.tenant);
        Spend spend = ledger.of(e.tenant, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        Optional<String> exhausted = opened.flatMap(spend::exhausted);
        String key = opened.map(JudgeSettings::apiKey).orElse(null);
        return new JudgeEndpointView(
                e.baseUrl,
                e.model,
                key == null ? null : "..." + key.substring(Math.max(0, key.length() - 4)),
                e.inputUsdPerMtok,
                e.outputUsdPerMtok,
                e.dailyTokenBudget,
                e.dailyUsdBudget,
                e.samplingRate,
                e.updatedBy,
                e.updatedAt,
                new JudgeEndpointView.Today(
                        spend.calls(), spend.tokens(), spend.costUsd(), exhausted.isPresent(), exhausted.orElse(null)));
    }
}
