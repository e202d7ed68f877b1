-- Writes no longer update the count of every word they hold. Updating a count
-- locked its row until the write committed, so that writers of common words
-- waited for each other, and it cost a row version and its WAL per word: with
-- about 250 distinct words an article, it took Postgres's time per quote inserted
-- from about 0.5 to 0.8 ms. Now a statement on quotes logs its changes as one row
-- (its words and how many quotes each gained or lost), and the service folds the
-- log into quote_lexemes every few seconds (src/verify/lexeme-counts.ts). A word
-- new to the archive still gets its row at once, since verification probes only
-- the words quote_lexemes lists: a quote can be verified as soon as it is stored,
-- and counts of known words are at most a few seconds behind, which changes no
-- word's rank among a claim's rarest.
CREATE TABLE "quote_lexeme_changes" (
    "id" BIGSERIAL PRIMARY KEY,
    "lexemes" TEXT[],
    "counts" INTEGER[]
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);

-- Words (in order) and the quotes each gained or lost in one statement.
CREATE FUNCTION record_quote_lexeme_changes(words TEXT[], counts INTEGER[]) RETURNS void LANGUAGE sql AS $$
  WITH fresh AS (
    INSERT INTO quote_lexemes (lexeme, quotes)
    SELECT w, n FROM unnest(words, counts) AS c(w, n) WHERE n > 0
    ON CONFLICT (lexeme) DO NOTHING
    RETURNING lexeme
  )
  INSERT INTO quote_lexeme_changes (lexemes, counts)
  SELECT array_agg(w), array_agg(n) FROM unnest(words, counts) AS c(w, n)
  WHERE n <> 0 AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.lexeme = c.w)
  HAVING count(*) > 0;
$$;

CREATE OR REPLACE FUNCTION count_quote_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM record_quote_lexeme_changes(array_agg(lexeme ORDER BY lexeme), array_agg(n ORDER BY lexeme))
    FROM (SELECT w.lexeme, count(*)::int AS n FROM added, unnest(added.search_vector) w GROUP BY w.lexeme) c;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM record_quote_lexeme_changes(array_agg(lexeme ORDER BY lexeme), array_agg(n ORDER BY lexeme))
    FROM (SELECT w.lexeme, -count(*)::int AS n FROM removed, unnest(removed.search_vector) w GROUP BY w.lexeme) c;
  ELSE
    PERFORM record_quote_lexeme_changes(array_agg(lexeme ORDER BY lexeme), array_agg(n ORDER BY lexeme))
    FROM (
      SELECT lexeme, sum(delta)::int AS n FROM (
        SELECT w.lexeme, 1 AS delta FROM added a JOIN removed r USING (id), unnest(a.search_vector) w
        WHERE a.search_vector IS DISTINCT FROM r.search_vector
        UNION ALL
        SELECT w.lexeme, -1 FROM added a JOIN removed r USING (id), unnest(r.search_vector) w
        WHERE a.search_vector IS DISTINCT FROM r.search_vector
      ) d GROUP BY lexeme HAVING sum(delta) <> 0
    ) c;
  END IF;
  RETURN NULL;
END
$$;

-- Folds the logged changes into quote_lexemes, in lexeme order; one process at a
-- time (the others return 0 at once). Changes logged by writes still in progress
-- stay for the next fold. Returns the number of words whose count changed.
CREATE FUNCTION fold_quote_lexeme_changes() RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  folded INTEGER := 0;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('fold_quote_lexeme_changes')) THEN
    RETURN 0;
  END IF;
  WITH moved AS (
    DELETE FROM quote_lexeme_changes RETURNING lexemes, counts
  ), summed AS (
    SELECT w AS lexeme, sum(n)::int AS quotes FROM moved, unnest(moved.lexemes, moved.counts) AS c(w, n) GROUP BY w
  )
  INSERT INTO quote_lexemes AS k (lexeme, quotes)
  SELECT lexeme, quotes FROM summed WHERE quotes <> 0 ORDER BY lexeme
  ON CONFLICT (lexeme) DO UPDATE SET quotes = greatest(k.quotes + excluded.quotes, 0);
  GET DIAGNOSTICS folded = ROW_COUNT;
  RETURN folded;
END
$$;
