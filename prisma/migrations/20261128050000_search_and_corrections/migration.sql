-- CreateEnum
CREATE TYPE "RevisionAction" AS ENUM ('reattribute', 'confirm', 'reject', 'merge');

-- AlterTable: quotes carry their article's outlet and date, so search filters and sorts without a join.
ALTER TABLE "quotes" ADD COLUMN "outlet" TEXT,
ADD COLUMN "published_at" TIMESTAMPTZ(3);

UPDATE "quotes" q SET "outlet" = a."outlet", "published_at" = COALESCE(a."published_at", a."created_at")
FROM "articles" a WHERE a."id" = q."article_id";

ALTER TABLE "quotes" ALTER COLUMN "published_at" SET NOT NULL;

-- DropIndex
DROP INDEX "quotes_speaker_id_created_at_id_idx";

-- CreateTable
CREATE TABLE "quote_revisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "quote_id" UUID NOT NULL,
    "action" "RevisionAction" NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "from_speaker_id" UUID,
    "from_speaker_name" TEXT,
    "to_speaker_id" UUID,
    "to_speaker_name" TEXT,
    "from_status" "AttributionStatus" NOT NULL,
    "to_status" "AttributionStatus" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quote_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "quote_revisions_quote_id_created_at_idx" ON "quote_revisions"("quote_id", "created_at");

-- CreateIndex
CREATE INDEX "quotes_speaker_id_published_at_id_idx" ON "quotes"("speaker_id", "published_at", "id");

-- CreateIndex
CREATE INDEX "quotes_published_at_id_idx" ON "quotes"("published_at", "id");

-- CreateIndex
CREATE INDEX "quotes_outlet_published_at_id_idx" ON "quotes"("outlet", "published_at", "id");

-- AddForeignKey
ALTER TABLE "quote_revisions" ADD CONSTRAINT "quote_revisions_quote_id_fkey" FOREIGN KEY ("quote_id") REFERENCES "quotes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
