package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every kind of tampering is named; rotated keys verify; an unknown key is "cannot verify", not tampering. */
class ChainCheckTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.000001Z");
    private final AuditKeys k = AuditKeys.of(AuditKeysTest.KEY_K, List.of());
    private final AuditKeys l = AuditKeys.of(AuditKeysTest.KEY_L, List.of());
    private final AuditKeys lAfterK = AuditKeys.of(AuditKeysTest.KEY_L, List.of(AuditKeysTest.KEY_K));

    /** Appends {@code n} entries linked with {@code key} (null: plain SHA-256, as before keys). */
    private static void append(List<AuditEntry> chain, AuditKey key, int n) {
        for (int i = 0; i < n; i++) {
            AuditEntry e = new AuditEntry();
            e.tenant = "t";
            e.seq = chain.size() + 1L;
            e.at = AT.plusSeconds(e.seq);
            e.actor = "ann";
            e.action = "rule.update";
            e.targetType = "rule";
            e.targetId = Long.toString(e.seq);
            e.detail = "{\"version\":" + e.seq + "}";
            e.prevHash = chain.isEmpty() ? AuditChain.GENESIS : chain.get(chain.size() - 1).hash;
            relink(e, key);
            chain.add(e);
        }
    }

    private static void relink(AuditEntry e, AuditKey key) {
        e.keyId = key == null ? AuditChain.LEGACY : key.id();
        e.hash = key == null ? AuditChain.hash(e) : key.link(e);
    }

    private List<AuditEntry> keyed(int n) {
        List<AuditEntry> chain = new ArrayList<>();
        append(chain, k.current(), n);
        return chain;
    }

    private static AuditCheckpoint checkpoint(List<AuditEntry> chain, int seq) {
        AuditEntry e = chain.get(seq - 1);
        return new AuditCheckpoint(e.tenant, e.seq, e.hash, AT.plusSeconds(3600), e.keyId);
    }

    private static ChainVerification verify(List<AuditEntry> chain, AuditKeys keys, AuditCheckpoint... checkpoints) {
        ChainCheck check = ChainCheck.fromGenesis(keys, List.of(checkpoints));
        for (AuditEntry e : chain) {
            if (!check.accept(e)) {
                break;
            }
        }
        return check.result();
    }

    @Test
    void anIntactKeyedChainIsValidAndMatchesItsCheckpoint() {
        // Given five entries linked with K, checkpointed at the fourth
        List<AuditEntry> chain = keyed(5);

        // When verified with K
        ChainVerification result = verify(chain, k, checkpoint(chain, 4));

        // Then every entry fits and the checkpoint matches
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(5);
        assertThat(result.lastHash()).isEqualTo(chain.get(4).hash);
        assertThat(result.firstBroken()).isNull();
        assertThat(result.checkpoint().seq()).isEqualTo(4);
        assertThat(result.checkpoint().matches()).isTrue();
    }

    @Test
    void entriesFromBeforeKeysVerifyAsBeforeAndKeyedOnesFollowThem() {
        // Given three plain SHA-256 entries (written before keys) and two keyed ones after them
        List<AuditEntry> chain = new ArrayList<>();
        append(chain, null, 3);
        append(chain, k.current(), 2);

        // When verified
        ChainVerification result = verify(chain, k);

        // Then the whole chain is valid
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(5);
    }

    @Test
    void anEditedEntryIsNamedEdited() {
        // Given a chain whose third entry's detail was changed in the table
        List<AuditEntry> chain = keyed(5);
        chain.get(2).detail = "{\"version\":99}";

        // When verified
        ChainVerification result = verify(chain, k, checkpoint(chain, 5));

        // Then the third entry is named as edited, two before it fit
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
        assertThat(result.firstBroken().reason()).contains("changed after it was written");
        assertThat(result.entries()).isEqualTo(2);
    }

    @Test
    void anEditedEntryWhoseHashWasRecomputedWithoutTheKeyIsNamedEdited() {
        // Given the third entry changed and its hash recomputed with plain SHA-256 under K's id
        List<AuditEntry> chain = keyed(5);
        chain.get(2).actor = "mallory";
        chain.get(2).hash = AuditChain.hash(chain.get(2));

        // When verified
        ChainVerification result = verify(chain, k);

        // Then it is named as edited (the next entry no longer links to it)
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
    }

    @Test
    void theLastEntryEditedIsNamedEdited() {
        // Given the newest entry changed
        List<AuditEntry> chain = keyed(3);
        chain.get(2).action = "rule.delete";

        // When verified
        ChainVerification result = verify(chain, k);

        // Then it is named as edited
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
    }

    @Test
    void aDeletedEntryIsNamedDeleted() {
        // Given a chain whose third entry was deleted
        List<AuditEntry> chain = keyed(5);
        chain.remove(2);

        // When verified
        ChainVerification result = verify(chain, k);

        // Then the missing entry is named
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.DELETED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
        assertThat(result.firstBroken().reason()).contains("entry 3 is missing");
    }

    @Test
    void aDeletedEntryWithTheLaterOnesRenumberedIsNamedDeleted() {
        // Given the third entry deleted and the later ones moved down one seq
        List<AuditEntry> chain = keyed(5);
        chain.remove(2);
        for (int i = 2; i < chain.size(); i++) {
            chain.get(i).seq = i + 1L;
        }

        // When verified
        ChainVerification result = verify(chain, k);

        // Then the first renumbered entry shows what is gone before it
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.DELETED);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
    }

    @Test
    void aTailCutBeforeTheLatestCheckpointIsNamedCut() {
        // Given a chain checkpointed at entry 5 whose entries 4 and 5 were then deleted
        List<AuditEntry> chain = keyed(5);
        AuditCheckpoint checkpoint = checkpoint(chain, 5);
        chain.subList(3, 5).clear();

        // When verified
        ChainVerification result = verify(chain, k, checkpoint);

        // Then the cut is named from the first missing entry, and the checkpoint does not match
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.CUT);
        assertThat(result.firstBroken().seq()).isEqualTo(4);
        assertThat(result.firstBroken().reason()).contains("entries 4 to 5 were cut off the end");
        assertThat(result.entries()).isEqualTo(3);
        assertThat(result.checkpoint().matches()).isFalse();
    }

    @Test
    void aChainRewrittenWithAnotherKeyIsNamedRewrittenFromItsFirstEntry() {
        // Given every entry relinked by someone with a key of their own, copying K's id
        List<AuditEntry> chain = keyed(4);
        String prev = AuditChain.GENESIS;
        for (AuditEntry e : chain) {
            e.actor = "mallory";
            e.prevHash = prev;
            e.hash = l.current().link(e);
            prev = e.hash;
        }

        // When verified with K
        ChainVerification result = verify(chain, k);

        // Then the rewrite is named from entry 1
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.REWRITTEN);
        assertThat(result.firstBroken().seq()).isEqualTo(1);
        assertThat(result.entries()).isZero();
    }

    @Test
    void aChainRewrittenWithPlainSha256IsCaughtByItsCheckpoint() {
        // Given a keyed chain checkpointed at entry 3, then rewritten wholly as if written before keys
        List<AuditEntry> chain = keyed(4);
        AuditCheckpoint checkpoint = checkpoint(chain, 3);
        String prev = AuditChain.GENESIS;
        for (AuditEntry e : chain) {
            e.detail = "{}";
            e.prevHash = prev;
            relink(e, null);
            prev = e.hash;
        }

        // When verified
        ChainVerification result = verify(chain, k, checkpoint);

        // Then the checkpointed entry no longer has its hash: rewritten
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.REWRITTEN);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
        assertThat(result.firstBroken().reason()).contains("checkpointed");
        assertThat(result.checkpoint().seq()).isEqualTo(3);
        assertThat(result.checkpoint().matches()).isFalse();
    }

    @Test
    void plainSha256AfterAKeyedEntryIsNamedRewritten() {
        // Given keyed entries, then the tail relinked with plain SHA-256
        List<AuditEntry> chain = keyed(4);
        chain.get(2).actor = "mallory";
        relink(chain.get(2), null);
        chain.get(3).prevHash = chain.get(2).hash;
        relink(chain.get(3), null);

        // When verified
        ChainVerification result = verify(chain, k);

        // Then the downgrade is named
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.REWRITTEN);
        assertThat(result.firstBroken().seq()).isEqualTo(3);
    }

    @Test
    void afterARotationOldEntriesVerifyWithThePreviousKey() {
        // Given entries linked with K, then with L
        List<AuditEntry> chain = keyed(3);
        append(chain, l.current(), 2);

        // When verified with L current and K previous
        ChainVerification result = verify(chain, lAfterK);

        // Then all verify
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(5);
        assertThat(result.unverified()).isNull();
    }

    @Test
    void entriesOfAKeyNoLongerConfiguredCannotBeVerifiedButAreNotTampered() {
        // Given entries linked with K, then with L
        List<AuditEntry> chain = keyed(3);
        append(chain, l.current(), 2);

        // When verified with L alone
        ChainVerification result = verify(chain, l);

        // Then K's entries are "cannot verify", the rest is checked, and nothing is called tampered
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken()).isNull();
        assertThat(result.unverified().entries()).isEqualTo(3);
        assertThat(result.unverified().firstSeq()).isEqualTo(1);
        assertThat(result.unverified().reason())
                .isEqualTo("cannot verify: key " + k.current().id() + " not configured");
        assertThat(result.entries()).isEqualTo(5);
    }

    @Test
    void anEditAfterUnverifiableEntriesIsStillFound() {
        // Given K's entries, then L's, one of which was edited
        List<AuditEntry> chain = keyed(2);
        append(chain, l.current(), 3);
        chain.get(3).detail = "{\"version\":0}";

        // When verified with L alone
        ChainVerification result = verify(chain, l);

        // Then the edit is named
        assertThat(result.firstBroken().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBroken().seq()).isEqualTo(4);
    }

    @Test
    void fromACheckpointTheNewestEntryIsTheNextCheckpoint() {
        // Given a chain checkpointed at 3 that grew to 6
        List<AuditEntry> chain = keyed(6);
        ChainCheck check = ChainCheck.from(checkpoint(chain, 3), k);

        // When the entries from the checkpoint on are checked
        chain.subList(2, 6).forEach(check::accept);

        // Then entry 6 is the head to checkpoint
        assertThat(check.head("t"))
                .contains(new ChainGrowth.Head(
                        "t", 6, chain.get(5).hash, k.current().id()));
    }

    @Test
    void fromACheckpointWhoseEntryChangedThereIsNoHead() {
        // Given a checkpoint at 3, and a chain rewritten from 2 on with plain SHA-256
        List<AuditEntry> chain = keyed(5);
        AuditCheckpoint checkpoint = checkpoint(chain, 3);
        for (int i = 1; i < 5; i++) {
            chain.get(i).prevHash = chain.get(i - 1).hash;
            relink(chain.get(i), null);
        }
        ChainCheck check = ChainCheck.from(checkpoint, k);

        // When the entries from the checkpoint on are checked
        chain.subList(2, 5).forEach(check::accept);

        // Then nothing is to be checkpointed, and the rewrite is named
        assertThat(check.head("t")).isEmpty();
        assertThat(check.result().firstBroken().kind()).isEqualTo(BreakKind.REWRITTEN);
    }
}
