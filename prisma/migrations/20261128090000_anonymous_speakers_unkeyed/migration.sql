-- Anonymous sources belong to the one article that quotes them and are never
-- registry candidates, so they get no look-up keys: every article adds a few, and
-- their shared descriptors ("senior official") made each look-up of a role walk
-- thousands of index entries only to discard them.
CREATE OR REPLACE FUNCTION "speakers_fill_search_text"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_text" := lower(immutable_unaccent(concat_ws(' | ', NEW."name", array_to_string(NEW."aliases", ' | '), NEW."role")));
  IF NEW."kind" = 'anonymous' THEN
    NEW."name_keys" := ARRAY[]::TEXT[];
    RETURN NEW;
  END IF;
  NEW."name_keys" := ARRAY(
    SELECT DISTINCT k FROM (
      SELECT speaker_name_key(v) AS k FROM unnest(array_append(COALESCE(NEW."aliases", ARRAY[]::TEXT[]), NEW."name")) v
      UNION ALL
      SELECT regexp_replace(speaker_name_key(v), '^.* ', '') FROM unnest(array_append(COALESCE(NEW."aliases", ARRAY[]::TEXT[]), NEW."name")) v
        WHERE NEW."kind" = 'person'
      UNION ALL
      SELECT speaker_name_key(NEW."role")
    ) keys
    WHERE k IS NOT NULL AND length(k) >= 2
    ORDER BY k);
  RETURN NEW;
END
$$;

UPDATE "speakers" SET "name_keys" = ARRAY[]::TEXT[] WHERE "kind" = 'anonymous' AND "name_keys" <> ARRAY[]::TEXT[];

-- Fresh statistics, so that look-ups by key use the index from the start.
ANALYZE "speakers";
