-- Holding up under abuse (issue 11): unpaid orders expire, shared rate-limit counters, push
-- nonces, and sessions with an absolute lifetime and rotation (WX-LOGIN-6).

-- An unpaid order holds stock only until pay_by; then it is cancelled and its stock released.
alter table orders add column pay_by timestamptz;
update orders set pay_by = created_at + interval '15 minutes' where status = 'pending_payment';
alter table orders add constraint orders_unpaid_has_deadline check (status <> 'pending_payment' or pay_by is not null);
create index orders_unpaid_due_idx on orders (pay_by) where status = 'pending_payment';
create index orders_user_unpaid_idx on orders (user_id) where status = 'pending_payment';

-- A login is a chain of tokens, each rotated into the next (WX-LOGIN-6). chain_id: random, shared
-- by the chain (logout ends all of it); login_at: when it began (the absolute cap counts from it);
-- rotated_at: set once a successor was issued; the old token then lives only a short grace.
alter table sessions add column chain_id text;
alter table sessions add column login_at timestamptz;
update sessions set chain_id = token_hash, login_at = created_at;
alter table sessions alter column chain_id set not null;
alter table sessions alter column login_at set not null;
alter table sessions add constraint sessions_chain_id_check check (chain_id ~ '^[0-9a-f]{32,64}$');
alter table sessions add column rotated_at timestamptz;

-- Fixed-window counters, one row per (limit, subject, window). One atomic upsert per hit, so
-- several server processes on one PostgreSQL share the count. subject is a hash (never an IP
-- address or user id in clear).
create table rate_counters (
  bucket text not null check (length(bucket) between 1 and 40),
  subject text not null check (subject ~ '^[0-9a-f]{64}$'),
  window_start timestamptz not null,
  window_end timestamptz not null,
  hits bigint not null check (hits >= 0),
  primary key (bucket, subject, window_start)
);
create index rate_counters_end_idx on rate_counters (window_end);

-- Message-push nonces seen recently: a captured push replayed inside the timestamp window is refused.
create table push_nonces (
  nonce_hash text primary key check (nonce_hash ~ '^[0-9a-f]{64}$'),
  seen_at timestamptz not null
);
create index push_nonces_seen_idx on push_nonces (seen_at);
