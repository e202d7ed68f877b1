-- The statements inside ingest_articles take its arrays as parameters, and
-- PostgreSQL kept planning them anew on every call (a custom plan per call costs
-- it less than its estimate for the generic one), about a twentieth of the
-- server's time under single-article ingestion. Their plans do not depend on the
-- values: index probes by key, and inserts from unnest(). They are planned once
-- per connection.
ALTER FUNCTION "ingest_articles"(UUID[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TIMESTAMPTZ[], TEXT[], JSONB,
  UUID[], UUID[], TEXT[], TIMESTAMPTZ[], INT[], TEXT[], TEXT[], "QuoteKind"[], INT[], INT[], UUID[], TEXT[], UUID[], TEXT[],
  TEXT[], INT[], INT[], TEXT[], INT[], INT[], DOUBLE PRECISION[])
  SET plan_cache_mode = force_generic_plan;
