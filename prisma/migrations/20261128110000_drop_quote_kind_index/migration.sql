-- No query is served by an index on the kind alone (three values): a kind filter
-- rides on the date, outlet, speaker or text-search index of the query it is part
-- of. Every quote written paid for it.
DROP INDEX IF EXISTS "quotes_kind_idx";
