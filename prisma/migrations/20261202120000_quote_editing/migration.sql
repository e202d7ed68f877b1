-- People edit quotes, not only attributions: they add a quote the extractor
-- missed, move a quote's span, and delete a wrong quote. Each change lands in the
-- quote's history, which must outlive a deleted quote: the history keeps the
-- quote's id and its article's id without foreign keys (deleting an article
-- deletes its quotes' history, in src/quotes/attribution-repository.ts), and
-- records the span before and after each change. A side with no quote (before an
-- addition, after a deletion) has no status.
ALTER TYPE "RevisionAction" ADD VALUE 'add';
ALTER TYPE "RevisionAction" ADD VALUE 'respan';
ALTER TYPE "RevisionAction" ADD VALUE 'delete';

ALTER TABLE "quote_revisions" DROP CONSTRAINT "quote_revisions_quote_id_fkey";
ALTER TABLE "quote_revisions"
  ADD COLUMN "article_id" UUID,
  ADD COLUMN "from_start" INTEGER,
  ADD COLUMN "from_end" INTEGER,
  ADD COLUMN "to_start" INTEGER,
  ADD COLUMN "to_end" INTEGER,
  ALTER COLUMN "from_status" DROP NOT NULL,
  ALTER COLUMN "to_status" DROP NOT NULL;
UPDATE "quote_revisions" r SET "article_id" = q."article_id" FROM "quotes" q WHERE q."id" = r."quote_id";
ALTER TABLE "quote_revisions" ALTER COLUMN "article_id" SET NOT NULL;
CREATE INDEX "quote_revisions_article_id_idx" ON "quote_revisions"("article_id");

-- The outlet copied onto quotes only serves filtering: it is kept lower-cased so
-- that the outlet filter ignores case and still uses (outlet, published_at, id).
UPDATE "quotes" SET "outlet" = lower("outlet") WHERE "outlet" <> lower("outlet");
