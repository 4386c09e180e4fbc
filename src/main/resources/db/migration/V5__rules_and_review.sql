-- Rules (issue 5): one row per rule; the whole normalized definition is kept as JSON in `definition`,
-- with the columns the engine and the API filter on beside it. Evaluation errors are counted on the rule.
create table tw_rule (
    id            bigint primary key,
    tenant        varchar(100) not null,
    name          varchar(200) not null,
    kind          varchar(50)  not null,
    enabled       boolean      not null,
    definition    text         not null,
    version       bigint       not null default 1,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    updated_by    varchar(200),
    error_count   bigint       not null default 0,
    last_error    text,
    last_error_at timestamptz,
    unique (tenant, name)
);
create sequence tw_rule_seq start 1 increment 50;

-- Review queue: one item per finding id (upserted from thinkwatch.findings), its workflow state and history.
create table review_item (
    finding_id    varchar(64)  primary key,
    tenant        varchar(100) not null,
    rule_id       varchar(64)  not null,
    kind          varchar(50)  not null,
    severity      varchar(20)  not null check (severity in ('info', 'warning', 'critical')),
    app           text,
    first_seen_at timestamptz  not null,
    last_seen_at  timestamptz  not null,
    match_count   bigint       not null,
    finding       text         not null,
    state         varchar(20)  not null check (state in ('open', 'acknowledged', 'resolved', 'false_positive')),
    assignee      varchar(200),
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now()
);
create index review_item_queue on review_item (tenant, first_seen_at desc, finding_id desc);
create index review_item_rule on review_item (tenant, rule_id);

create table review_event (
    id         bigint primary key,
    finding_id varchar(64)  not null references review_item (finding_id) on delete cascade,
    at         timestamptz  not null,
    actor      varchar(200) not null,
    action     varchar(20)  not null check (action in ('opened', 'transition', 'assign', 'note')),
    from_state varchar(20),
    to_state   varchar(20),
    assignee   varchar(200),
    note       text
);
create index review_event_finding on review_event (finding_id, at);
create sequence review_event_seq start 1 increment 50;
