-- A paused feed is not polled until it is unpaused.
ALTER TABLE "feeds" ADD COLUMN "paused" BOOLEAN NOT NULL DEFAULT false;
