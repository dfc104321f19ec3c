-- A counter that moves whenever what the catalog shows can change: categories, products (listing,
-- prices, sales), their images and SKUs (prices, stock). Servers cache catalog answers per version
-- and compare it on each request, so a change made through any process is seen on the next request.
-- The same triggers NOTIFY catalog_version: an embedded PGlite (one process) listens instead of asking.
--
-- The triggers are deferred constraint triggers: the counter's one row is locked at COMMIT, after
-- everything else the transaction locks. An immediate trigger would lock it in the middle of, say,
-- an order taking stock from two SKUs, and two such orders could deadlock on it.

create table catalog_version (
  id boolean primary key default true check (id),
  version bigint not null
);
insert into catalog_version (id, version) values (true, 1);

create function bump_catalog_version() returns trigger language plpgsql as $$
begin
  update catalog_version set version = version + 1 where id;
  perform pg_notify('catalog_version', '');
  return null;
end $$;

create constraint trigger categories_bump_catalog_version after insert or update or delete on categories
  deferrable initially deferred for each row execute function bump_catalog_version();
create constraint trigger products_bump_catalog_version after insert or update or delete on products
  deferrable initially deferred for each row execute function bump_catalog_version();
create constraint trigger product_images_bump_catalog_version after insert or update or delete on product_images
  deferrable initially deferred for each row execute function bump_catalog_version();
create constraint trigger skus_bump_catalog_version after insert or update or delete on skus
  deferrable initially deferred for each row execute function bump_catalog_version();
