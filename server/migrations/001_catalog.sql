-- Catalog: categories, products, their images and SKUs.
-- Prices are integer fen (1 yuan = 100 fen). Stock lives on the SKU, the unit that is bought,
-- so a later order step can decrement it with a single guarded UPDATE.

create table categories (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text not null check (length(name) between 1 and 20),
  description text not null default '',
  sort_order integer not null default 0,
  created_at timestamptz not null default now()
);

create table products (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  category_id text not null references categories (id),
  name text not null check (length(name) between 1 and 60),
  subtitle text not null default '',
  description text not null default '',
  -- List price shown struck through; null when the product is not on sale.
  original_price_fen integer check (original_price_fen > 0),
  sales integer not null default 0 check (sales >= 0),
  sort_order integer not null default 0,
  -- Delisted products stay in the table so past orders can still refer to them.
  is_listed boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index products_category_idx on products (category_id, sort_order, id);
create index products_sales_idx on products (sales desc, id);

create table product_images (
  product_id text not null references products (id) on delete cascade,
  position smallint not null check (position between 0 and 9),
  primary key (product_id, position)
);

create table skus (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  product_id text not null references products (id) on delete cascade,
  name text not null check (length(name) between 1 and 40),
  price_fen integer not null check (price_fen > 0),
  stock integer not null check (stock >= 0),
  sort_order integer not null default 0,
  unique (product_id, name)
);

create index skus_product_idx on skus (product_id, sort_order);
