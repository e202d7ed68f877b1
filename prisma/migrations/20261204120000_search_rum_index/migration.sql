-- Ranked search orders by relevance inside the full-text index where the server
-- has the rum extension (Debian and PGDG: postgresql-NN-rum): a RUM index keeps
-- each word's positions, so the quotes that match best come out of the index in
-- order and only those are read from the table, where a GIN index hands over
-- every match to be read and ranked. RUM answers everything GIN answered (@@), so
-- it takes the GIN index's place and name. Without the extension, or without the
-- right to create it, the GIN index stays and search ranks a bounded set of its
-- matches (src/quotes/ranking.ts says which at start). To move to RUM later,
-- install the extension and run this file's block again (README, "Search at scale").
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
    RAISE NOTICE 'the rum extension is not installed: the quotes keep their GIN search index';
    RETURN;
  END IF;
  BEGIN
    CREATE EXTENSION IF NOT EXISTS rum;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'this role may not create the rum extension: the quotes keep their GIN search index';
    RETURN;
  END;
  CREATE INDEX "quotes_search_vector_rum" ON "quotes" USING rum ("search_vector" rum_tsvector_ops);
  DROP INDEX "quotes_search_vector_idx";
  ALTER INDEX "quotes_search_vector_rum" RENAME TO "quotes_search_vector_idx";
END
$$;
