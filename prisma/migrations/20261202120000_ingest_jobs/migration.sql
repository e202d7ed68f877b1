-- Bulk ingestion jobs (POST /v1/ingest-jobs). A job keeps each line of its NDJSON
-- body: the request it stands for, and once ingested its status, article and
-- problem. The work is queued as pg-boss jobs of a few lines each, inserted in the
-- same transaction as the lines; a line is done once its status is written, and a
-- line run again after a restart is skipped, or answered by the article it stored.
CREATE TABLE "ingest_jobs" (
    "id" UUID NOT NULL,
    "total" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_jobs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ingest_job_lines" (
    "job_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "input" JSONB,
    "status" INTEGER,
    "article_id" UUID,
    "error" JSONB,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "ingest_job_lines_pkey" PRIMARY KEY ("job_id","line")
);

ALTER TABLE "ingest_job_lines" ADD CONSTRAINT "ingest_job_lines_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "ingest_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
