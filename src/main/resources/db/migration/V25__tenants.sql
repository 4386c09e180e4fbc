-- Tenants as rows of their own (issue 15): made and disabled by a platform administrator. A tenant that users or
-- tokens already name becomes a row; `published` is false while its enabled state has not reached the topic
-- thinkwatch.capture-keys, which capture follows (decision 0022).
create table tenant (
    name         varchar(100) primary key,
    display_name varchar(200) not null,
    enabled      boolean      not null default true,
    created_at   timestamptz  not null default now(),
    published    boolean      not null default true
);
insert into tenant (name, display_name)
select distinct tenant, tenant from (select tenant from tw_user union select tenant from api_token) named;

alter table tw_user drop constraint tw_user_role_check;
alter table tw_user add constraint tw_user_role_check
    check (role in ('viewer', 'reviewer', 'admin', 'platform_admin'));
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check
    check (role in ('viewer', 'reviewer', 'admin', 'platform_admin'));

-- The first admin of an existing installation becomes its platform administrator, as a new installation's is.
update tw_user set role = 'platform_admin'
where id = (select id from tw_user where role = 'admin' order by created_at, id limit 1);
