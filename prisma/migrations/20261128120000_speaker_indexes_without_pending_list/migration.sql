-- The speakers' GIN indexes are read on every ingested article (registry
-- candidates by name_keys) and every fuzzy speaker look-up (search_text). With
-- the default fast update, new entries wait in a pending list of up to 4 MB that
-- every search reads through in full until the next vacuum: under steady
-- ingestion the candidates query grew from under 1 ms to 10 ms.
--
-- name_keys: entries go straight into the index (a handful per speaker, and none
-- for anonymous sources).
ALTER INDEX "speakers_name_keys_idx" SET (fastupdate = off);
-- search_text: some forty trigrams a speaker, one index descent each when written
-- straight in, which doubled the cost of inserting a speaker; they are still
-- gathered in a pending list, but of 256 kB at most rather than 4 MB.
ALTER INDEX "speakers_search_text_trgm_idx" SET (gin_pending_list_limit = 256);

-- Move what is pending now into the indexes proper.
SELECT gin_clean_pending_list('speakers_name_keys_idx'::regclass);
SELECT gin_clean_pending_list('speakers_search_text_trgm_idx'::regclass);
