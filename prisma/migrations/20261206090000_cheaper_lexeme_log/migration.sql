-- Logging a statement's word counts cost Postgres half as much again as inserting
-- its quotes. Most of it went to finding the words new to the archive, to list them
-- in quote_lexemes at once: one probe of its key for every word a statement holds
-- (some hundreds for an article), where almost none are new. The rest went
-- to unnest(tsvector), which builds every word's positions and weights where only
-- the word is wanted, and to sorting both arrays of the log row by word.
--
-- Now a statement only logs its words and their counts, unsorted (the fold sorts
-- them), and the fold lists new words with the rest. Verification no longer
-- needs a new word listed at once: it counts a claim's words that quote_lexemes
-- does not list from the search index itself (src/verify/repository.ts).
CREATE OR REPLACE FUNCTION count_quote_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO quote_lexeme_changes (lexemes, counts)
    SELECT array_agg(w), array_agg(n)
    FROM (SELECT w, count(*)::int AS n FROM added, unnest(tsvector_to_array(added.search_vector)) w GROUP BY w) c
    HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO quote_lexeme_changes (lexemes, counts)
    SELECT array_agg(w), array_agg(n)
    FROM (SELECT w, -count(*)::int AS n FROM removed, unnest(tsvector_to_array(removed.search_vector)) w GROUP BY w) c
    HAVING count(*) > 0;
  ELSE
    INSERT INTO quote_lexeme_changes (lexemes, counts)
    SELECT array_agg(w), array_agg(n)
    FROM (
      SELECT w, sum(delta)::int AS n FROM (
        SELECT w, 1 AS delta FROM added a JOIN removed r USING (id), unnest(tsvector_to_array(a.search_vector)) w
        WHERE a.search_vector IS DISTINCT FROM r.search_vector
        UNION ALL
        SELECT w, -1 FROM added a JOIN removed r USING (id), unnest(tsvector_to_array(r.search_vector)) w
        WHERE a.search_vector IS DISTINCT FROM r.search_vector
      ) d GROUP BY w HAVING sum(delta) <> 0
    ) c
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$$;

DROP FUNCTION record_quote_lexeme_changes(TEXT[], INTEGER[]);
