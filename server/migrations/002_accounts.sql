-- Accounts: users, their sessions and avatars (issue 4).
-- Every table that holds data about a user has a user_id column referencing users ON DELETE
-- CASCADE, so deleting the user row removes all of it in one statement (WX-DATA-1); a test lists
-- those tables from information_schema and checks both facts.

create table users (
  -- Random and opaque; the openid is WeChat's identifier and never leaves the server.
  id text primary key check (id ~ '^u[0-9a-f]{20}$'),
  openid text not null unique check (length(openid) between 1 and 128),
  unionid text check (length(unionid) between 1 and 128),
  -- What the user typed into the nickname field (WX-PROFILE-2); null until then or after a withdraw.
  nickname text check (length(nickname) between 1 and 64),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- The session token itself is never stored: only its SHA-256, so a leaked table opens no session.
create table sessions (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_used_at timestamptz not null,
  expires_at timestamptz not null
);

create index sessions_user_idx on sessions (user_id, expires_at);

-- One avatar per user. The key is random and replaced on every upload, so an old URL stops working.
create table avatars (
  user_id text primary key references users (id) on delete cascade,
  key text not null unique check (key ~ '^[0-9a-f]{32}$'),
  ext text not null check (ext in ('png', 'jpg', 'webp')),
  bytes bytea not null check (octet_length(bytes) between 1 and 524288),
  created_at timestamptz not null
);
