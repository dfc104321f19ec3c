-- 门店 are "outlets" in code, contract and schema: "store" already names the client's state
-- containers (issue 12). Renames keep every row, constraint and reference.
alter table stores rename to outlets;
alter index stores_pkey rename to outlets_pkey;
alter table user_preferences rename column store_id to outlet_id;
alter table user_preferences rename column store_saved_at to outlet_saved_at;
alter table user_preferences rename constraint user_preferences_store_id_fkey to user_preferences_outlet_id_fkey;
alter table orders rename column store_id to outlet_id;
alter table orders rename constraint orders_store_id_fkey to orders_outlet_id_fkey;
