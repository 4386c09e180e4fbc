-- Capture keys (decision 0022). The key text is never stored: only its SHA-256, beside the claims it carries.
-- `published` is false while a revocation has not reached the topic thinkwatch.capture-keys yet.
create table capture_key (
    id          char(32)     primary key,
    tenant      varchar(100) not null,
    name        varchar(200) not null,
    app         varchar(100),
    env         varchar(100),
    key_hash    char(64)     not null unique,
    created_by  varchar(200) not null,
    created_at  timestamptz  not null,
    revoked_at  timestamptz,
    revoked_by  varchar(200),
    published   boolean      not null default true,
    unique (tenant, name)
);

-- The installation's Ed25519 key pair that signs capture keys; made by the first console that starts.
create table key_signer (
    id          char(16)    primary key,
    public_key  text        not null,
    private_key text        not null,
    created_at  timestamptz not null,
    published   boolean     not null default false
);
