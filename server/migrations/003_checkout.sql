-- Checkout: stores, the user's saved store, phone on file, orders and subscribe-message results
-- (issue 5). As in 002, every table about a user has user_id → users ON DELETE CASCADE.

create table stores (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text not null check (length(name) between 1 and 40),
  city text not null check (length(city) between 1 and 20),
  address text not null check (length(address) between 1 and 100),
  -- GCJ-02, the coordinate system getFuzzyLocation reports in mainland China.
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  hours text not null check (length(hours) between 1 and 40),
  sort_order integer not null default 0
);

-- Only a store the user chose to save; the location used to suggest it is never stored (WX-LOC-4).
create table user_preferences (
  user_id text primary key references users (id) on delete cascade,
  store_id text references stores (id) on delete set null,
  store_saved_at timestamptz
);

-- One number on file per user: encrypted (AES-256-GCM, see src/phones/phone-cipher.ts) plus a
-- masked copy, which is all any response ever shows.
create table phones (
  user_id text primary key references users (id) on delete cascade,
  phone_enc text not null,
  phone_masked text not null check (phone_masked ~ '^1[3-9][0-9]\*{4}[0-9]{4}$'),
  source text not null check (source in ('wechat', 'manual')),
  saved_at timestamptz not null
);

create table orders (
  id text primary key check (id ~ '^o[0-9a-f]{20}$'),
  user_id text not null references users (id) on delete cascade,
  -- A repeated submit with the same key returns the first order instead of a second one.
  idempotency_key text not null check (length(idempotency_key) between 8 and 64),
  status text not null check (status in ('pending_payment', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled')),
  fulfilment text not null check (fulfilment in ('delivery', 'pickup')),
  items_fen integer not null check (items_fen > 0),
  delivery_fen integer not null check (delivery_fen >= 0),
  total_fen integer not null check (total_fen = items_fen + delivery_fen),
  contact_name text not null check (length(contact_name) <= 20),
  -- Delivery only: pickup never stores a phone (WX-LAUNCH-3).
  phone_enc text,
  phone_masked text check (phone_masked ~ '^1[3-9][0-9]\*{4}[0-9]{4}$'),
  address_city text check (length(address_city) between 1 and 20),
  address_detail text check (length(address_detail) between 1 and 100),
  store_id text references stores (id),
  note text not null default '' check (length(note) <= 100),
  created_at timestamptz not null,
  paid_at timestamptz,
  updated_at timestamptz not null,
  unique (user_id, idempotency_key),
  -- Target of the (order_id, user_id) references below: a line or subscription always belongs
  -- to the user of its order.
  unique (id, user_id),
  check ((fulfilment = 'delivery') = (address_city is not null and address_detail is not null)),
  check ((fulfilment = 'pickup') = (store_id is not null)),
  check (fulfilment = 'delivery' or (phone_enc is null and phone_masked is null)),
  check ((phone_enc is null) = (phone_masked is null))
);

create index orders_user_idx on orders (user_id, created_at desc, id desc);

-- Name and price as they were when ordered; the catalog may change later.
create table order_lines (
  order_id text not null,
  user_id text not null references users (id) on delete cascade,
  position smallint not null check (position between 0 and 19),
  sku_id text not null references skus (id),
  product_id text not null references products (id),
  name text not null,
  sku_name text not null,
  unit_price_fen integer not null check (unit_price_fen > 0),
  quantity integer not null check (quantity between 1 and 99),
  primary key (order_id, position),
  foreign key (order_id, user_id) references orders (id, user_id) on delete cascade
);

-- The user's answer per template for an order (WX-SUB-3), and what sending made of it.
create table subscriptions (
  id bigint generated always as identity primary key,
  user_id text not null references users (id) on delete cascade,
  order_id text not null,
  template_id text not null check (length(template_id) between 1 and 128),
  decision text not null check (decision in ('accept', 'reject', 'ban', 'filter')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- Set when a message is claimed for sending; cleared again if the send failed for a reason
  -- other than 43101, so a later status change can retry.
  sent_at timestamptz,
  result text check (result in ('sending', 'sent', 'not_subscribed', 'failed')),
  unique (order_id, template_id),
  foreign key (order_id, user_id) references orders (id, user_id) on delete cascade
);

create index subscriptions_pending_idx on subscriptions (order_id, id) where decision = 'accept' and sent_at is null;
