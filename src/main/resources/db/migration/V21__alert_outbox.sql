-- The alert outbox (issue 6). The findings consumer writes one notification row per channel and finding group
-- and window; later matches fold into the row while it is 'pending'. The dispatcher claims due rows with
-- FOR UPDATE SKIP LOCKED and a lease, sends, and records every attempt in alert_attempt.

-- The highest count seen per finding id, so a re-published finding adds only its new matches.
create table alert_finding (
    finding_id varchar(64)  primary key,
    tenant     varchar(100) not null,
    group_id   varchar(64)  not null,
    max_count  bigint       not null,
    updated_at timestamptz  not null default now()
);
create index alert_finding_group on alert_finding (tenant, group_id);

-- States: pending (due later, still folding in matches), in_flight (claimed under a lease), retry (content
-- frozen, waiting for the next attempt), sent, failed (gave up after the last attempt or a permanent error).
create table alert_outbox (
    id              bigint generated always as identity primary key,
    notification_id uuid         not null unique,
    channel_id      bigint       not null references alert_channel (id) on delete cascade,
    tenant          varchar(100) not null,
    group_id        varchar(64)  not null,
    action          varchar(10)  not null check (action in ('trigger', 'resolve')),
    finding_id      varchar(64)  not null,
    finding         text         not null,
    matches         bigint       not null,
    follow_up       boolean      not null,
    state           varchar(10)  not null check (state in ('pending', 'in_flight', 'retry', 'sent', 'failed')),
    window_start    timestamptz  not null,
    due_at          timestamptz  not null,
    attempts        integer      not null default 0,
    lease_owner     varchar(100),
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    sent_at         timestamptz
);
create unique index alert_outbox_open on alert_outbox (channel_id, group_id, action) where state = 'pending';
create index alert_outbox_due on alert_outbox (due_at) where state in ('pending', 'in_flight', 'retry');
create index alert_outbox_group on alert_outbox (channel_id, group_id, action, window_start);

-- Every attempt: test messages have no outbox row.
create table alert_attempt (
    id          bigint generated always as identity primary key,
    outbox_id   bigint       references alert_outbox (id) on delete cascade,
    channel_id  bigint       not null references alert_channel (id) on delete cascade,
    attempt     integer      not null,
    started_at  timestamptz  not null,
    status_code integer,
    latency_ms  bigint       not null,
    outcome     varchar(10)  not null check (outcome in ('delivered', 'retry', 'gave_up', 'test_ok', 'test_fail')),
    error       text
);
create index alert_attempt_outbox on alert_attempt (outbox_id);
create index alert_attempt_channel on alert_attempt (channel_id, started_at desc);
