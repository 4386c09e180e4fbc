-- Alert channels (issue 6). Every channel belongs to one tenant. Non-secret settings are plain JSON;
-- secrets (webhook URLs, routing keys, SMTP passwords, signing secrets) are one AES-GCM encrypted JSON
-- object (io.thinkwatch.alerts.SecretBox) and never leave the server after creation.
create table alert_channel (
    id            bigint primary key,
    tenant        varchar(100) not null,
    name          varchar(100) not null,
    kind          varchar(20)  not null check (kind in ('slack', 'pagerduty', 'teams', 'webhook', 'email')),
    min_severity  varchar(20)  not null check (min_severity in ('info', 'warning', 'critical')),
    allow_content boolean      not null default false,
    max_per_hour  integer      not null default 60 check (max_per_hour >= 0),
    enabled       boolean      not null default true,
    settings      text         not null default '{}',
    secrets       text         not null,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    unique (tenant, name)
);

create sequence alert_channel_seq start 1 increment 50;
