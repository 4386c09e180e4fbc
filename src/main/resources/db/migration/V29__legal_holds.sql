-- Legal holds (decision 0026): while released_at is null, the captured text of the traces a hold names is kept past
-- thinkwatch.indexer.content-retention-days. A trace or finding hold lists its traces in trace_ids; an app hold
-- keeps every trace of the app (trace_ids is empty).
create table legal_hold (
    id          char(32)     primary key,
    tenant      varchar(100) not null,
    kind        varchar(20)  not null check (kind in ('trace', 'finding', 'app')),
    target      varchar(200) not null,
    trace_ids   jsonb        not null,
    reason      varchar(500) not null,
    placed_by   varchar(200) not null,
    placed_at   timestamptz  not null,
    released_by varchar(200),
    released_at timestamptz
);
create index legal_hold_tenant on legal_hold (tenant, placed_at desc);
create index legal_hold_active on legal_hold (released_at) where released_at is null;
