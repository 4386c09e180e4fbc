-- Users of the console and the API tokens that scripts use. Every row belongs to one tenant.
-- Ids come from sequences that Hibernate allocates in blocks of 50 (the Panache default).
create table tw_user (
    id            bigint primary key,
    tenant        varchar(100) not null,
    username      varchar(200) not null unique,
    password_hash varchar(200) not null,
    role          varchar(20)  not null check (role in ('viewer', 'reviewer', 'admin')),
    created_at    timestamptz  not null default now()
);

create table api_token (
    id         bigint primary key,
    tenant     varchar(100) not null,
    name       varchar(200) not null,
    token_hash char(64)     not null unique,
    role       varchar(20)  not null check (role in ('viewer', 'reviewer', 'admin')),
    created_at timestamptz  not null default now()
);

create sequence tw_user_seq start 1 increment 50;
create sequence api_token_seq start 1 increment 50;
