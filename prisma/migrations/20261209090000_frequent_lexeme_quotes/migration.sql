-- Ranked search of one very common word ("year", held by one quote in forty) ranked
-- every quote holding it: the RUM index orders its matches by a measure it computes
-- for each of them, so its cost grows with the word's quotes (a third of a second
-- at ten million). For each word held by very many quotes, these tables keep the
-- best-ranked quotes in the service's own ranking (ts_rank_cd with flags 1|32), in
-- an index: a search of that word alone reads its first page from them.
--
-- frequent_lexemes lists the words; src/quotes/frequent-words.ts lists a word once
-- quote_lexemes counts enough quotes for it, and fills it. Its floor is the
-- (rank, id) of the last of its best quotes: every quote holding the word that
-- ranks above the floor is in frequent_lexeme_quotes, which is what lets search
-- trust the first of them. Quotes stored later are added by the triggers below when
-- they rank above the floor (all of them while the word is being filled, when the
-- floor is null); deleted quotes leave by the foreign key. A word that loses some
-- of its best quotes that way is no longer used until it is filled again.

-- The tsquery of one lexeme as it is (websearch_to_tsquery gives the same for a word
-- that stems to it); quotes and backslashes are escaped as tsquery's input reads them.
CREATE FUNCTION lexeme_tsquery(lexeme TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
$$;

CREATE TABLE "frequent_lexemes" (
  "lexeme" TEXT NOT NULL,
  "query" tsquery NOT NULL,
  "ready" BOOLEAN NOT NULL DEFAULT false,
  "floor_rank" REAL,
  "floor_id" UUID,
  CONSTRAINT "frequent_lexemes_pkey" PRIMARY KEY ("lexeme")
);
CREATE UNIQUE INDEX "frequent_lexemes_query_key" ON "frequent_lexemes" ("query");

CREATE TABLE "frequent_lexeme_quotes" (
  "lexeme" TEXT NOT NULL,
  "rank" REAL NOT NULL,
  "quote_id" UUID NOT NULL,
  CONSTRAINT "frequent_lexeme_quotes_pkey" PRIMARY KEY ("lexeme", "rank", "quote_id"),
  CONSTRAINT "frequent_lexeme_quotes_lexeme_fkey" FOREIGN KEY ("lexeme")
    REFERENCES "frequent_lexemes" ("lexeme") ON DELETE CASCADE,
  CONSTRAINT "frequent_lexeme_quotes_quote_id_fkey" FOREIGN KEY ("quote_id")
    REFERENCES "quotes" ("id") ON DELETE CASCADE
);
CREATE INDEX "frequent_lexeme_quotes_quote_id_idx" ON "frequent_lexeme_quotes" ("quote_id");

CREATE FUNCTION keep_frequent_lexeme_quotes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most archives have no word that common: nothing to do, at the cost of one probe.
  IF NOT EXISTS (SELECT 1 FROM frequent_lexemes) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO frequent_lexeme_quotes (lexeme, rank, quote_id)
    SELECT c.lexeme, c.rank, c.id
    FROM (
      SELECT a.id, f.lexeme, ts_rank_cd(a.search_vector, f.query, 1|32) AS rank, f.floor_rank, f.floor_id
      FROM added a, unnest(tsvector_to_array(a.search_vector)) w JOIN frequent_lexemes f ON f.lexeme = w
    ) c
    WHERE c.floor_rank IS NULL OR (c.rank, c.id) > (c.floor_rank, c.floor_id)
    ON CONFLICT DO NOTHING;
  ELSE
    -- A quote whose words changed is taken out and put back as if new.
    DELETE FROM frequent_lexeme_quotes k
    USING added a JOIN removed r USING (id)
    WHERE k.quote_id = a.id AND a.search_vector IS DISTINCT FROM r.search_vector;
    INSERT INTO frequent_lexeme_quotes (lexeme, rank, quote_id)
    SELECT c.lexeme, c.rank, c.id
    FROM (
      SELECT a.id, f.lexeme, ts_rank_cd(a.search_vector, f.query, 1|32) AS rank, f.floor_rank, f.floor_id
      FROM added a JOIN removed r USING (id), unnest(tsvector_to_array(a.search_vector)) w
      JOIN frequent_lexemes f ON f.lexeme = w
      WHERE a.search_vector IS DISTINCT FROM r.search_vector
    ) c
    WHERE c.floor_rank IS NULL OR (c.rank, c.id) > (c.floor_rank, c.floor_id)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER quotes_keep_frequent_lexemes_insert AFTER INSERT ON quotes
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION keep_frequent_lexeme_quotes();
CREATE TRIGGER quotes_keep_frequent_lexemes_update AFTER UPDATE ON quotes
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION keep_frequent_lexeme_quotes();
