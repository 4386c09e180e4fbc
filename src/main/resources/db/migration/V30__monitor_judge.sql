-- The model judge of the reasoning monitor (decision 0041): one OpenAI-compatible endpoint per tenant, its API key
-- sealed like channel secrets, and what the judge spent per tenant and UTC day (tokens and money) against the
-- tenant's daily budget.
create table judge_endpoint (
    tenant              varchar(100)   primary key,
    base_url            varchar(2000)  not null,
    model               varchar(200)   not null,
    api_key             text,
    input_usd_per_mtok  numeric(12, 6) not null,
    output_usd_per_mtok numeric(12, 6) not null,
    daily_token_budget  bigint,
    daily_usd_budget    numeric(14, 6),
    sampling_rate       double precision not null,
    updated_by          varchar(200)   not null,
    updated_at          timestamptz    not null
);

create table judge_spend (
    tenant   varchar(100)   not null,
    day      date           not null,
    calls    bigint         not null,
    tokens   bigint         not null,
    cost_usd numeric(14, 6) not null,
    primary key (tenant, day)
);
