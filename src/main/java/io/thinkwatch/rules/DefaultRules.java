package io.thinkwatch.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.thinkwatch.security.Caller;
import io.thinkwatch.security.TenantCreated;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Installs the default rule set ({@code src/main/resources/rules/defaults.yaml}, a rule file like any export)
 * into a new tenant that has no rules yet. docs/rules.md gives the reason for each.
 */
@ApplicationScoped
public class DefaultRules {

    private static final Logger LOG = Logger.getLogger(DefaultRules.class);
    static final String RESOURCE = "/rules/defaults.yaml";

    private final RuleStore store;
    private final RuleFiles files;

    public DefaultRules(RuleStore store, ObjectMapper mapper) {
        this.store = store;
        this.files = new RuleFiles(mapper);
    }

    void onTenantCreated(@Observes TenantCreated event) {
        if (store.none(event.tenant())) {
            RuleStore.ImportResult result = store.importRules(new Caller("thinkwatch", event.tenant()), definitions());
            LOG.infof("Installed %d default rules for tenant %s", result.created(), event.tenant());
        }
    }

    /** The default rule set. */
    public List<RuleDefinition> definitions() {
        try (InputStream in = DefaultRules.class.getResourceAsStream(RESOURCE)) {
            return files.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RuleFiles.Format.YAML);
        } catch (IOException e) {
            throw new IllegalStateException("the default rules are part of the application", e);
        }
    }
}
