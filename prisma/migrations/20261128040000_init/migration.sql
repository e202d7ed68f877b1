-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- unaccent() is only STABLE (it reads its dictionary at run time), so it cannot feed a
-- generated column or an index; naming the dictionary makes the result fixed.
CREATE OR REPLACE FUNCTION "immutable_unaccent"(input TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, input) $$;

-- CreateEnum
CREATE TYPE "SpeakerKind" AS ENUM ('person', 'anonymous', 'group', 'organization');

-- CreateEnum
CREATE TYPE "QuoteKind" AS ENUM ('direct', 'partial', 'indirect');

-- CreateEnum
CREATE TYPE "AttributionStatus" AS ENUM ('machine', 'confirmed', 'rejected');

-- CreateTable
CREATE TABLE "articles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "outlet" TEXT,
    "author" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "language" TEXT NOT NULL DEFAULT 'en',
    "body_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "speakers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" "SpeakerKind" NOT NULL,
    "role" TEXT,
    "affiliation" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "wikidata_id" TEXT,
    "search_text" TEXT NOT NULL DEFAULT '',
    "match_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "speakers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quotes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "article_id" UUID NOT NULL,
    "speaker_id" UUID,
    "relayed_by_id" UUID,
    "text" TEXT NOT NULL,
    "normalized_text" TEXT NOT NULL,
    "kind" "QuoteKind" NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "mention_text" TEXT,
    "mention_start" INTEGER,
    "mention_end" INTEGER,
    "cue_text" TEXT,
    "cue_start" INTEGER,
    "cue_end" INTEGER,
    "confidence" DOUBLE PRECISION NOT NULL,
    "status" "AttributionStatus" NOT NULL DEFAULT 'machine',
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- translate(): the text search parser would take "<word>" for a markup tag and drop it.
    "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, translate(immutable_unaccent("text"), '<>', '  '))) STORED,

    CONSTRAINT "quotes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "articles_url_key" ON "articles"("url");

-- CreateIndex
CREATE UNIQUE INDEX "articles_body_hash_key" ON "articles"("body_hash");

-- CreateIndex
CREATE INDEX "articles_outlet_published_at_id_idx" ON "articles"("outlet", "published_at", "id");

-- CreateIndex
CREATE INDEX "articles_published_at_id_idx" ON "articles"("published_at", "id");

-- CreateIndex
CREATE INDEX "articles_created_at_id_idx" ON "articles"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "speakers_wikidata_id_key" ON "speakers"("wikidata_id");

-- CreateIndex
CREATE UNIQUE INDEX "speakers_match_key_key" ON "speakers"("match_key");

-- CreateIndex
CREATE INDEX "speakers_name_id_idx" ON "speakers"("name", "id");

-- CreateIndex
CREATE INDEX "speakers_search_text_trgm_idx" ON "speakers" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "quotes_speaker_id_created_at_id_idx" ON "quotes"("speaker_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "quotes_relayed_by_id_idx" ON "quotes"("relayed_by_id");

-- CreateIndex
CREATE INDEX "quotes_kind_idx" ON "quotes"("kind");

-- CreateIndex
CREATE INDEX "quotes_search_vector_idx" ON "quotes" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "quotes_normalized_text_trgm_idx" ON "quotes" USING GIN ("normalized_text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "quotes_article_id_position_key" ON "quotes"("article_id", "position");

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_relayed_by_id_fkey" FOREIGN KEY ("relayed_by_id") REFERENCES "speakers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Speakers are found by any of their names: keep a folded copy of name, aliases and role.
CREATE OR REPLACE FUNCTION "speakers_fill_search_text"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_text" := lower(immutable_unaccent(concat_ws(' | ', NEW."name", array_to_string(NEW."aliases", ' | '), NEW."role")));
  RETURN NEW;
END
$$;

CREATE TRIGGER "speakers_search_text"
  BEFORE INSERT OR UPDATE OF "name", "aliases", "role" ON "speakers"
  FOR EACH ROW EXECUTE FUNCTION "speakers_fill_search_text"();
