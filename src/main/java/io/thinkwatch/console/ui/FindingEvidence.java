package io.thinkwatch.console.ui;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.opensearch.client.opensearch._types.OpenSearchException;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.review.FindingView;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ContentAccess;
import io.thinkwatch.security.TextShown;
import io.thinkwatch.security.TraceReads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A monitor finding's verdict for its page, with the evidence quoted from its call's reasoning for the roles that
 * may read captured text. A page that quotes is a read of the trace's {@code reasoningText}, recorded as
 * {@code trace.read} (via {@code console.finding}) before the page is sent (decision 0025).
 */
@ApplicationScoped
public class FindingEvidence {

    private static final Logger LOG = Logger.getLogger(FindingEvidence.class);
    private static final NavigableSet<String> REASONING =
            Collections.unmodifiableNavigableSet(new TreeSet<>(List.of("reasoningText")));

    /** The verdict as shown, and why no quote shows when none does (null when quotes show or none is due). */
    public record Shown(List<VerdictView> verdicts, String note) {

        Shown(VerdictView verdict, String note) {
            this(List.of(verdict), note);
        }
    }

    private final TraceSearch search;
    private final TraceReads reads;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public FindingEvidence(TraceSearch search, TraceReads reads, SecurityIdentity identity, ObjectMapper mapper) {
        this.search = search;
        this.reads = reads;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** The finding's verdict with its quotes, or null for a finding of another kind. */
    public Shown of(FindingView f) {
        if (f.finding().verdict() == null) {
            return null;
        }
        if (!ContentAccess.mayReadContent(identity)) {
            return new Shown(
                    VerdictView.of(f, null, mapper),
                    "Your role shows where the evidence lies, not its text; a reviewer or admin reads the quotes.");
        }
        List<String> traces = f.finding().traceIds();
        if (traces == null || traces.isEmpty()) {
            return new Shown(VerdictView.of(f, null, mapper), "The finding names no call to quote from.");
        }
        String traceId = traces.get(0);
        String tenant = Caller.of(identity).tenant();
        Optional<ObjectNode> trace;
        try {
            trace = search.byId(tenant, traceId);
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Finding page could not read OpenSearch: %s", e.toString());
            return new Shown(VerdictView.of(f, null, mapper), "The call's reasoning cannot be read right now.");
        }
        JsonNode text = trace.map(t -> t.path("reasoningText")).orElse(null);
        if (text == null || !text.isTextual() || text.textValue().isEmpty()) {
            return new Shown(
                    VerdictView.of(f, null, mapper),
                    "The call's reasoning is no longer stored (content retention), so the evidence cannot be quoted.");
        }
        VerdictView view = VerdictView.of(f, text.textValue(), mapper);
        if (!view.quotes().isEmpty()) {
            reads.read(tenant, "console.finding", TextShown.same(List.of(traceId), REASONING), null);
        }
        return new Shown(view, null);
    }
}
