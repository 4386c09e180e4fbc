-- Audit log (issue 7): every change made through the API or the console, and every sign-in, per tenant.
-- Tamper-evident: entries of a tenant form a hash chain (seq 1, 2, ...); each row holds the SHA-256 of its
-- own content and of the previous entry's hash (io.thinkwatch.security.AuditChain), so editing or deleting a
-- row breaks the chain at that row. GET /api/v1/audit/verify recomputes it.
create table audit_entry (
    id          bigint generated always as identity primary key,
    tenant      varchar(100) not null,
    seq         bigint       not null,
    at          timestamptz  not null,
    actor       varchar(200) not null,
    action      varchar(50)  not null,
    target_type varchar(30)  not null,
    target_id   varchar(200),
    detail      text         not null,
    prev_hash   char(64)     not null,
    hash        char(64)     not null,
    unique (tenant, seq)
);
create index audit_entry_actor on audit_entry (tenant, actor, seq desc);
create index audit_entry_action on audit_entry (tenant, action, seq desc);
