-- Keyed audit chain (issue 16, decision 0007): new entries are linked with HMAC-SHA256 under a key kept outside
-- PostgreSQL (thinkwatch.audit.chain.key), and each entry names the key that linked it, so verification picks the
-- right one after a rotation. Entries written before this change were linked with plain SHA-256: they are marked
-- 'sha256' and keep verifying as before. Whoever can write this table can still rewrite them until the first
-- checkpoint (Kafka topic thinkwatch.audit-checkpoints) covers them.
alter table audit_entry add column key_id varchar(16) not null default 'sha256';
alter table audit_entry alter column key_id drop default;
