-- Feeds (RSS, Atom, JSON Feed) polled on pg-boss. A feed keeps how its last poll
-- went; each item it has listed is one row, keyed by the item's guid or id (or its
-- link), so that a poll ingests only items no earlier poll has seen, and two
-- pollers at once record, and queue the page of, each item once.
CREATE TYPE "FeedItemStatus" AS ENUM ('pending', 'ingested', 'failed');

CREATE TABLE "feeds" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "outlet" TEXT,
    "interval_seconds" INTEGER NOT NULL,
    "title" TEXT,
    "format" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_polled_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "feeds_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "feeds_url_key" ON "feeds"("url");
CREATE INDEX "feeds_created_at_id_idx" ON "feeds"("created_at", "id");

CREATE TABLE "feed_items" (
    "feed_id" UUID NOT NULL,
    "item_key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" "FeedItemStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "article_id" UUID,
    "error" JSONB,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "feed_items_pkey" PRIMARY KEY ("feed_id","item_key")
);

ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE CASCADE ON UPDATE CASCADE;
