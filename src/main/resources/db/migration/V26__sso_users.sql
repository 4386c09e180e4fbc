-- People who sign in through single sign-on: their row is written at each sign-in from the provider's claims
-- (tenant and role), and they have no password, so the login form never signs them in.
alter table tw_user add column sso boolean not null default false;
alter table tw_user alter column password_hash drop not null;
alter table tw_user add constraint tw_user_password_unless_sso check (sso or password_hash is not null);
