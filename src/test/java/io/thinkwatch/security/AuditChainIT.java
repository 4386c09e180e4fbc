package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.security.checkpoint.AuditCheckpoints;

/**
 * Each kind of tampering done to the real table with SQL (an edited row, a deleted row, a cut tail, the whole chain
 * rewritten with plain SHA-256 or with a wrong key) is reported by verify with its kind, against the checkpoint the
 * console wrote to the real Kafka topic. Each test has a tenant of its own.
 */
@QuarkusTest
class AuditChainIT {

    @Inject
    AuditLog audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditKeys keys;

    @Inject
    EntityManager em;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** A tenant of its own with five entries, checkpointed on the Kafka topic at entry 5. */
    private String checkpointedChainOfFive() {
        String tenant = "chain-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 5; i++) {
            audit.recordAs(tenant, "ann", "rule.update", "rule", Integer.toString(i), AuditLog.detail("version", i));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            checkpoints.publishNow();
            assertThat(checkpoints.of(tenant))
                    .first()
                    .extracting(AuditCheckpoint::seq)
                    .isEqualTo(5L);
        });
        return tenant;
    }

    private ChainVerification verify(String tenant) {
        return audit.verify(tenant, checkpoints.of(tenant));
    }

    private void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            query.executeUpdate();
        });
    }

    @Test
    void anUntouchedChainIsValidAndMatchesItsCheckpointOnTheTopic() {
        // Given a chain of five entries, checkpointed
        String tenant = checkpointedChainOfFive();

        // When it is verified
        ChainVerification result = verify(tenant);

        // Then it is valid, linked with the configured key, and the checkpoint compared is entry 5's
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(5);
        assertThat(result.checkpoint().seq()).isEqualTo(5);
        assertThat(result.checkpoint().matches()).isTrue();
        assertThat(result.checkpoint().keyId()).isEqualTo(keys.current().id());
        assertThat(result.checkpoint().hash()).isEqualTo(result.lastHash());
    }

    @Test
    void theCheckpointIsARecordOfTheCompactedTopicKeyedByTenant() {
        // Given a chain checkpointed
        String tenant = checkpointedChainOfFive();

        // When the topic is read from its start by a consumer of its own
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(Topics.AUDIT_CHECKPOINTS, 0);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (tenant.equals(r.key())) {
                        found.add(r);
                    }
                });
                assertThat(found).isNotEmpty();
            });

            // Then the record is keyed by the tenant and holds entry 5's seq and hash
            String hash = verify(tenant).lastHash();
            assertThat(found.get(found.size() - 1).value())
                    .contains("\"seq\":5")
                    .contains("\"hash\":\"" + hash + "\"")
                    .contains("\"keyId\":\"" + keys.current().id() + "\"");
        }
    }

    @Test
    void anEditedRowIsReportedAsEdited() {
        // Given a checkpointed chain
        String tenant = checkpointedChainOfFive();

        // When someone changes entry 3's actor with SQL
        sql("update audit_entry set actor = 'mallory' where tenant = ?1 and seq = 3", tenant);

        // Then verify names entry 3 as edited
        ChainVerification result = verify(tenant);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
        assertThat(result.entries()).isEqualTo(2);
    }

    @Test
    void aDeletedRowIsReportedAsDeleted() {
        // Given a checkpointed chain
        String tenant = checkpointedChainOfFive();

        // When someone deletes entry 3 with SQL
        sql("delete from audit_entry where tenant = ?1 and seq = 3", tenant);

        // Then verify names entry 3 as deleted
        ChainVerification result = verify(tenant);
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.DELETED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
        assertThat(result.firstBroken().reason()).contains("entry 3 is missing");
    }

    @Test
    void aCutTailIsReportedAsCut() {
        // Given a chain checkpointed at entry 5
        String tenant = checkpointedChainOfFive();

        // When someone deletes entries 4 and 5 with SQL (what is left is a consistent chain)
        sql("delete from audit_entry where tenant = ?1 and seq >= 4", tenant);

        // Then verify names the cut from entry 4, against the checkpoint of entry 5
        ChainVerification result = verify(tenant);
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.CUT);
        assertThat(result.firstBroken().seq()).isEqualTo(4);
        assertThat(result.entries()).isEqualTo(3);
        assertThat(result.checkpoint().seq()).isEqualTo(5);
        assertThat(result.checkpoint().matches()).isFalse();
    }

    @Test
    void aChainRewrittenWithPlainSha256IsReportedAsRewritten() {
        // Given a chain checkpointed at entry 5
        String tenant = checkpointedChainOfFive();

        // When someone rewrites every row, changing entry 2's actor and relinking all as plain SHA-256 entries
        QuarkusTransaction.requiringNew().run(() -> {
            String prev = AuditChain.GENESIS;
            for (AuditEntry e : AuditEntry.<AuditEntry>list("tenant = ?1 order by seq", tenant)) {
                if (e.seq == 2) {
                    e.actor = "mallory";
                }
                e.prevHash = prev;
                e.keyId = AuditChain.LEGACY;
                e.hash = AuditChain.hash(e);
                prev = e.hash;
            }
        });

        // Then verify names a rewrite: entry 5 no longer has the hash checkpointed outside PostgreSQL
        ChainVerification result = verify(tenant);
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.REWRITTEN);
        assertThat(result.firstBroken().seq()).isEqualTo(5);
        assertThat(result.checkpoint().matches()).isFalse();
    }

    @Test
    void aChainRewrittenWithAWrongKeyIsReportedAsRewritten() {
        // Given a checkpointed chain
        String tenant = checkpointedChainOfFive();
        AuditKey guessed = AuditKeys.of(AuditKeysTest.KEY_L, List.of()).current();

        // When someone relinks every row with a key of their own, keeping the real key's id
        QuarkusTransaction.requiringNew().run(() -> {
            String prev = AuditChain.GENESIS;
            for (AuditEntry e : AuditEntry.<AuditEntry>list("tenant = ?1 order by seq", tenant)) {
                e.actor = "mallory";
                e.prevHash = prev;
                e.hash = guessed.link(e);
                prev = e.hash;
            }
        });

        // Then verify names a rewrite from entry 1
        ChainVerification result = verify(tenant);
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.REWRITTEN);
        assertThat(result.firstBroken().seq()).isEqualTo(1);
        assertThat(result.entries()).isZero();
    }

    @Test
    void entriesEditedSinceTheCheckpointAreNotCheckpointed() {
        // Given a chain checkpointed at entry 5 that grows to 7, entry 6 being edited before anyone saw it
        String tenant = checkpointedChainOfFive();
        QuarkusTransaction.requiringNew().run(() -> {
            audit.recordAs(tenant, "ann", "rule.update", "rule", "6", AuditLog.detail("version", 6));
            audit.recordAs(tenant, "ann", "rule.update", "rule", "7", AuditLog.detail("version", 7));
            em.createNativeQuery("update audit_entry set detail = '{}' where tenant = ?1 and seq = 6")
                    .setParameter(1, tenant)
                    .executeUpdate();
        });

        // When checkpoint rounds run for a few seconds (ours and the scheduled ones, every 2 s in tests)
        // Then the latest checkpoint stays entry 5: the edit is not laundered into a new checkpoint
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            checkpoints.publishNow();
            assertThat(checkpoints.of(tenant))
                    .first()
                    .extracting(AuditCheckpoint::seq)
                    .isEqualTo(5L);
        });
        assertThat(verify(tenant).firstBroken().kind()).isEqualTo(BreakKind.EDITED);
    }

    @Test
    void entriesFromBeforeKeysKeepVerifyingAndTheFirstCheckpointCoversThem() {
        // Given two entries as an installation before keyed links wrote them (plain SHA-256, marked sha256 by V28)
        String tenant = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> {
            String prev = AuditChain.GENESIS;
            for (int seq = 1; seq <= 2; seq++) {
                AuditEntry e = new AuditEntry();
                e.tenant = tenant;
                e.seq = seq;
                e.at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                e.actor = "ann";
                e.action = "rule.create";
                e.targetType = "rule";
                e.targetId = Integer.toString(seq);
                e.detail = "{}";
                e.prevHash = prev;
                e.keyId = AuditChain.LEGACY;
                e.hash = AuditChain.hash(e);
                e.persist();
                prev = e.hash;
            }
        });

        // When the upgraded console appends to the chain and checkpoints it
        audit.recordAs(tenant, "ann", "rule.update", "rule", "1", AuditLog.detail("version", 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            checkpoints.publishNow();
            assertThat(checkpoints.of(tenant))
                    .first()
                    .extracting(AuditCheckpoint::seq)
                    .isEqualTo(3L);
        });

        // Then the whole chain verifies, against a checkpoint that now anchors the old entries too
        ChainVerification result = verify(tenant);
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(3);
        assertThat(result.checkpoint().matches()).isTrue();
    }
}
