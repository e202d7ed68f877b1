-- How many quotes hold each word (each lexeme of search_vector), so that
-- verification looks a claim up by its rarest words. Statement triggers keep the
-- counts as quotes are added, removed or edited: one upsert per statement, in
-- lexeme order so that concurrent writers lock rows in the same order. They run in
-- the writing transaction: a rollback takes its counts back with its quotes.
CREATE TABLE "quote_lexemes" (
    "lexeme" TEXT PRIMARY KEY,
    "quotes" INTEGER NOT NULL
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);

CREATE FUNCTION count_quote_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO quote_lexemes (lexeme, quotes)
    SELECT w.lexeme, count(*) FROM added, unnest(added.search_vector) w GROUP BY w.lexeme ORDER BY w.lexeme
    ON CONFLICT (lexeme) DO UPDATE SET quotes = quote_lexemes.quotes + excluded.quotes;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO quote_lexemes (lexeme, quotes)
    SELECT w.lexeme, -count(*) FROM removed, unnest(removed.search_vector) w GROUP BY w.lexeme ORDER BY w.lexeme
    ON CONFLICT (lexeme) DO UPDATE SET quotes = greatest(quote_lexemes.quotes + excluded.quotes, 0);
  ELSE
    INSERT INTO quote_lexemes (lexeme, quotes)
    SELECT lexeme, sum(delta) FROM (
      SELECT w.lexeme, 1 AS delta FROM added a JOIN removed r USING (id), unnest(a.search_vector) w
      WHERE a.search_vector IS DISTINCT FROM r.search_vector
      UNION ALL
      SELECT w.lexeme, -1 FROM added a JOIN removed r USING (id), unnest(r.search_vector) w
      WHERE a.search_vector IS DISTINCT FROM r.search_vector
    ) d GROUP BY lexeme HAVING sum(delta) <> 0 ORDER BY lexeme
    ON CONFLICT (lexeme) DO UPDATE SET quotes = greatest(quote_lexemes.quotes + excluded.quotes, 0);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "quotes_count_lexemes_insert" AFTER INSERT ON "quotes"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_quote_lexemes();
CREATE TRIGGER "quotes_count_lexemes_delete" AFTER DELETE ON "quotes"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_quote_lexemes();
CREATE TRIGGER "quotes_count_lexemes_update" AFTER UPDATE ON "quotes"
  REFERENCING NEW TABLE AS added OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_quote_lexemes();

-- The quotes already stored.
INSERT INTO quote_lexemes (lexeme, quotes) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM quotes');

-- The quote table of an archive grows by millions of rows: vacuum and analyse it
-- after a share of changes that stays small as it grows.
ALTER TABLE "quotes" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01,
                          autovacuum_vacuum_insert_scale_factor = 0.05);
