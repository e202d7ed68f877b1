-- Every change to the keys (created, revoked, deleted) is announced on the channel
-- api_keys, after its transaction commits: each service process keeps the keys it
-- has looked up, and forgets them all when it hears of a change (src/keys/cache.ts).
CREATE FUNCTION api_keys_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_keys', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys
FOR EACH STATEMENT EXECUTE FUNCTION api_keys_changed();
