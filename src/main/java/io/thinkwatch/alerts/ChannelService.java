package io.thinkwatch.alerts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.thinkwatch.errors.Conflict;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.model.Severity;
import io.thinkwatch.security.AuditLog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Creates, changes and reads channels of one tenant; secrets go in sealed and come out as hints. */
@ApplicationScoped
public class ChannelService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;
    private final SecretBox box;
    private final TargetPolicy policy;
    private final AuditLog audit;

    public ChannelService(ObjectMapper mapper, SecretBox box, AlertsConfig config, AuditLog audit) {
        this.mapper = mapper;
        this.audit = audit;
        this.box = box;
        this.policy = new TargetPolicy(config.allowPrivateTargets());
    }

    public List<ChannelView> list(String tenant) {
        return Channel.ofTenant(tenant).stream().map(c -> view(c, null)).toList();
    }

    public Channel find(String tenant, long id) {
        return Channel.ofTenant(tenant, id).orElseThrow(() -> new NotFound("channel " + id));
    }

    @Transactional
    public ChannelView create(String tenant, ChannelRequest request) {
        List<String> errors = new ArrayList<>();
        ChannelKind kind = request.kind() == null ? null : ChannelKind.fromWire(request.kind());
        if (kind == null) {
            errors.add("kind: must be one of slack, pagerduty, teams, webhook, email");
        }
        if (request.name() == null) {
            errors.add("name: required");
        }
        Channel channel = new Channel();
        channel.tenant = tenant;
        channel.kind = kind;
        channel.minSeverity = Severity.WARNING;
        channel.maxPerHour = 60;
        channel.enabled = true;
        ChannelSettings.Split empty = new ChannelSettings.Split(mapper.createObjectNode(), mapper.createObjectNode());
        ChannelSettings.Split split = apply(channel, request, empty, errors);
        String generated = null;
        if (kind == ChannelKind.WEBHOOK && !split.secrets().has("signingSecret")) {
            generated = "whsec_" + randomToken();
            split.secrets().put("signingSecret", generated);
        }
        failOn(errors);
        unique(tenant, channel.name, null);
        channel.createdAt = Instant.now();
        store(channel, split);
        channel.persist();
        audit.record(
                tenant,
                "channel.create",
                "channel",
                Long.toString(channel.id),
                AuditLog.detail("name", channel.name, "kind", channel.kind.wire(), "enabled", channel.enabled));
        return view(channel, generated);
    }

    @Transactional
    public ChannelView update(String tenant, long id, ChannelRequest request) {
        Channel channel = find(tenant, id);
        List<String> errors = new ArrayList<>();
        if (request.kind() != null && ChannelKind.fromWire(request.kind()) != channel.kind) {
            errors.add("kind: cannot change (" + channel.kind.wire() + "); create a new channel instead");
        }
        ChannelSettings.Split split = apply(channel, request, split(channel), errors);
        failOn(errors);
        unique(tenant, channel.name, channel.id);
        store(channel, split);
        List<String> settings = new ArrayList<>();
        if (request.settings() != null && request.settings().isObject()) {
            request.settings().fieldNames().forEachRemaining(settings::add);
        }
        audit.record(
                tenant,
                "channel.update",
                "channel",
                Long.toString(channel.id),
                AuditLog.detail(
                        "name",
                        channel.name,
                        "kind",
                        channel.kind.wire(),
                        "enabled",
                        channel.enabled,
                        "settingsGiven",
                        settings));
        return view(channel, null);
    }

    @Transactional
    public void delete(String tenant, long id) {
        Channel channel = find(tenant, id);
        audit.record(
                tenant,
                "channel.delete",
                "channel",
                Long.toString(id),
                AuditLog.detail("name", channel.name, "kind", channel.kind.wire()));
        channel.delete();
    }

    /** The channel with its secrets opened, for sending. */
    public ChannelTarget target(Channel channel) {
        ChannelSettings.Split split = split(channel);
        return new ChannelTarget(
                channel.id,
                channel.tenant,
                channel.name,
                channel.kind,
                channel.minSeverity,
                channel.allowContent,
                split.plain(),
                split.secrets());
    }

    public ChannelView view(Channel channel) {
        return view(channel, null);
    }

    private ChannelSettings.Split apply(
            Channel channel, ChannelRequest request, ChannelSettings.Split current, List<String> errors) {
        if (request.name() != null) {
            if (NAME.matcher(request.name()).matches()) {
                channel.name = request.name();
            } else {
                errors.add("name: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        }
        if (request.minSeverity() != null) {
            Severity severity = severity(request.minSeverity());
            if (severity == null) {
                errors.add("minSeverity: must be one of info, warning, critical");
            } else {
                channel.minSeverity = severity;
            }
        }
        if (request.maxPerHour() != null) {
            if (request.maxPerHour() < 0 || request.maxPerHour() > 100_000) {
                errors.add("maxPerHour: must be between 0 (no limit) and 100000");
            } else {
                channel.maxPerHour = request.maxPerHour();
            }
        }
        if (request.allowContent() != null) {
            channel.allowContent = request.allowContent();
        }
        if (request.enabled() != null) {
            channel.enabled = request.enabled();
        }
        if (channel.kind == null) {
            return current;
        }
        ChannelSettings.Split split = ChannelSettings.apply(channel.kind, request.settings(), current, policy, errors);
        String secret = split.secrets().path("signingSecret").asText(null);
        if (secret != null && secret.length() < 16) {
            errors.add("settings.signingSecret: at least 16 characters");
        }
        return split;
    }

    private static Severity severity(String wire) {
        for (Severity severity : Severity.values()) {
            if (severity.wire().equals(wire)) {
                return severity;
            }
        }
        return null;
    }

    private static void failOn(List<String> errors) {
        if (!errors.isEmpty()) {
            throw new Invalid("invalid channel: " + String.join("; ", errors), errors);
        }
    }

    private static void unique(String tenant, String name, Long self) {
        Channel.named(tenant, name).filter(other -> !other.id.equals(self)).ifPresent(other -> {
            throw new Conflict(
                    "a channel named '" + name + "' exists already",
                    List.of("name: already used by channel " + other.id));
        });
    }

    private void store(Channel channel, ChannelSettings.Split split) {
        channel.settings = split.plain().toString();
        channel.secrets = box.seal(split.secrets().toString());
        channel.updatedAt = Instant.now();
    }

    private ChannelSettings.Split split(Channel channel) {
        try {
            return new ChannelSettings.Split((ObjectNode) mapper.readTree(channel.settings), (ObjectNode)
                    mapper.readTree(box.open(channel.secrets)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings of channel " + channel.id + " are not JSON", e);
        }
    }

    private ChannelView view(Channel channel, String signingSecret) {
        ChannelSettings.Split split = split(channel);
        return new ChannelView(
                channel.id,
                channel.name,
                channel.kind.wire(),
                channel.minSeverity.wire(),
                channel.allowContent,
                channel.maxPerHour,
                channel.enabled,
                split.plain(),
                ChannelSettings.hints(split.secrets()),
                signingSecret,
                channel.createdAt,
                channel.updatedAt);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
