-- Where each merged speaker went. A merge deletes the speaker it folds in; a
-- correction, an alias or an article that names that speaker while the merge
-- runs (or after it) ends on the speaker it was merged into, found here. Chains
-- are kept flat: a merge into a speaker that is later merged points on to the
-- last one. No foreign keys: the source is gone by design, and a target deleted
-- later leaves nothing to follow.

-- CreateTable
CREATE TABLE "speaker_merges" (
    "source_id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "speaker_merges_pkey" PRIMARY KEY ("source_id")
);

-- CreateIndex
CREATE INDEX "speaker_merges_target_id_idx" ON "speaker_merges"("target_id");
