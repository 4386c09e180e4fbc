package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;

/** The retention job deletes daily trace indices past the retention, and only those. */
@QuarkusTest
class RetentionIT {

    @Inject
    OpenSearchClient client;

    @Inject
    RetentionJob retention;

    @Test
    void expiredDailyIndexIsDeletedAndRecentOnesStay() throws Exception {
        // Given a daily index from 2001 and one from today (both made by the template)
        String old = TraceIndices.indexFor(
                LocalDate.parse("2001-01-01").atStartOfDay().toInstant(ZoneOffset.UTC));
        String today = TraceIndices.indexFor(java.time.Instant.now());
        TraceIndices.installTemplate(client);
        client.indices().create(c -> c.index(old));
        if (!client.indices().exists(e -> e.index(today)).value()) {
            client.indices().create(c -> c.index(today));
        }

        // When the retention job runs
        List<String> deleted = retention.deleteExpired(LocalDate.now(ZoneOffset.UTC));

        // Then the old index is gone and today's is still there
        assertThat(deleted).contains(old).doesNotContain(today);
        assertThat(client.indices().exists(e -> e.index(old)).value()).isFalse();
        assertThat(client.indices().exists(e -> e.index(today)).value()).isTrue();
    }
}
