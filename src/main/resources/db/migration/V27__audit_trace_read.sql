-- Every read of captured text (issue 16, decision 0025): one row per trace shown by an audit entry `trace.read`
-- or `trace.export`, written in the transaction of that entry (an export: of each page, just before the page is
-- sent). An index beside the chain, not part of it: it answers "who read trace X" and "what did Y read between T1
-- and T2" by index, never by a scan of audit_entry.detail. `fields` is the JSON array of the text fields shown.
create table audit_trace_read (
    id        bigint generated always as identity primary key,
    tenant    varchar(100) not null,
    seq       bigint       not null,
    action    varchar(50)  not null,
    trace_id  varchar(200) not null,
    fields    text         not null,
    actor     varchar(200) not null,
    at        timestamptz  not null,
    unique (tenant, seq, trace_id)
);
create index audit_trace_read_trace on audit_trace_read (tenant, trace_id, at desc, id desc);
create index audit_trace_read_actor on audit_trace_read (tenant, actor, at desc, id desc);
