-- Speaker look-up by word. A name typed whole, or with one typo, is found through
-- the words of the speaker's name, aliases and role and their one-letter
-- deletions (symmetric deletion: "psaky" and "psaki" share "psak"; "ferriera"
-- and "ferreira" share "ferrira"), a handful of exact entries in a GIN index.
-- Before, every look-up that was not a substring compared the query with each
-- speaker sharing half its trigrams: hundreds to thousands of them once the
-- registry holds a few hundred thousand names. Trigram resemblance is now the
-- fallback for a query that matches nothing this way (src/speakers/repository.ts).

-- A word as look-ups match it: itself, and for words of five letters or more each
-- of its one-letter deletions. Shorter words must match exactly, as in most
-- search engines' typo tolerance: one letter off in "jon" is another name.
CREATE OR REPLACE FUNCTION "speaker_word_variants"(word TEXT) RETURNS TEXT[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  n INT := length(word);
  variants TEXT[] := ARRAY[word];
BEGIN
  IF n >= 5 THEN
    FOR i IN 1..n LOOP
      variants := variants || (left(word, i - 1) || substr(word, i + 1));
    END LOOP;
  END IF;
  RETURN variants;
END
$$;

-- The variants of the words of a folded text (search_text): words split at ASCII
-- spaces and punctuation, the characters the service splits a query at, and of
-- three letters or more. Written as a loop: a third of the cost of the same in
-- one SQL statement, which every insert of a speaker pays. Schema-qualified, as
-- an index expression is also evaluated where search_path is empty (restores).
CREATE OR REPLACE FUNCTION "speaker_search_words"(folded TEXT) RETURNS TEXT[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  word TEXT;
  seen TEXT[] := ARRAY[]::TEXT[];
  variants TEXT[] := ARRAY[]::TEXT[];
BEGIN
  FOREACH word IN ARRAY regexp_split_to_array(folded, '[[:space:]!-/:-@[-`{-~]+') LOOP
    CONTINUE WHEN length(word) < 3 OR word = ANY(seen);
    seen := seen || word;
    variants := variants || public.speaker_word_variants(word);
  END LOOP;
  RETURN variants;
END
$$;

-- An index on the expression, so the variants take no room in the table; GIN's
-- overlap needs no recheck, so look-ups do not compute them again. Entries wait
-- in a pending list of 256 kB at most, as for search_text's trigrams. Anonymous
-- sources are left out: each article adds a few, all described in the same few
-- words, and a description is found by its words as written (search_text's
-- trigrams) or, when nothing else matches, by resemblance.
CREATE INDEX "speakers_search_words_idx" ON "speakers" USING GIN (speaker_search_words("search_text"))
  WITH (gin_pending_list_limit = 256) WHERE "kind" <> 'anonymous';

ANALYZE "speakers";
