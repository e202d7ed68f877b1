-- AlterTable
ALTER TABLE "speakers" ADD COLUMN "name_keys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "speakers_name_keys_idx" ON "speakers" USING GIN ("name_keys");

-- The trigger that keeps search_text also keeps the exact look-up keys: each name
-- and alias folded (case, accents, spacing, a leading article), a person's surname,
-- and the role.
CREATE OR REPLACE FUNCTION "speaker_name_key"(value TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(btrim(regexp_replace(lower(immutable_unaccent(value)), '\s+', ' ', 'g')), '^(the|a|an) ', '') $$;

CREATE OR REPLACE FUNCTION "speakers_fill_search_text"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_text" := lower(immutable_unaccent(concat_ws(' | ', NEW."name", array_to_string(NEW."aliases", ' | '), NEW."role")));
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

DROP TRIGGER "speakers_search_text" ON "speakers";
CREATE TRIGGER "speakers_search_text"
  BEFORE INSERT OR UPDATE OF "name", "aliases", "role", "kind" ON "speakers"
  FOR EACH ROW EXECUTE FUNCTION "speakers_fill_search_text"();

-- Fill the keys of the speakers already stored.
UPDATE "speakers" SET "name" = "name";
