-- Ingestion keeps a speaker's affiliation as the article gives it ("Gary P. Smaby of
-- Smaby Group Inc", "Khaled Al-Maeena, editor at large at the Saudi Gazette"): the
-- first affiliation of a new speaker, and a stored speaker's missing one, like the
-- role. The signature is unchanged from 20261203120000_quote_sieve.
CREATE OR REPLACE FUNCTION "ingest_articles"(
  a_id UUID[], a_title TEXT[], a_body TEXT[], a_body_hash TEXT[], a_url TEXT[], a_outlet TEXT[], a_author TEXT[],
  a_published_at TIMESTAMPTZ[], a_language TEXT[], a_canonical_url TEXT[], a_fetched_at TIMESTAMPTZ[],
  speakers_json JSONB,
  q_id UUID[], q_article UUID[], q_outlet TEXT[], q_published_at TIMESTAMPTZ[], q_position INT[], q_text TEXT[], q_normalized TEXT[], q_kind "QuoteKind"[], q_start INT[], q_end INT[],
  q_speaker UUID[], q_speaker_key TEXT[], q_relayed UUID[], q_relayed_key TEXT[],
  q_mention_text TEXT[], q_mention_start INT[], q_mention_end INT[], q_cue_text TEXT[], q_cue_start INT[], q_cue_end INT[],
  q_confidence DOUBLE PRECISION[], q_statement INT[], q_sieve TEXT[]
) RETURNS JSONB
  LANGUAGE plpgsql AS $$
DECLARE
  inserted UUID[];
  inserted_at JSONB;
  wanted JSONB;
  wanted_keys TEXT[];
  known_keys TEXT[];
  speaker_ids JSONB := '{}';
  speaker_names JSONB := '{}';
BEGIN
  WITH ins AS (
    INSERT INTO articles (id, title, body, body_hash, url, outlet, author, published_at, language, canonical_url, fetched_at)
    SELECT * FROM unnest(a_id, a_title, a_body, a_body_hash, a_url, a_outlet, a_author, a_published_at, a_language,
                         a_canonical_url, a_fetched_at)
    ON CONFLICT DO NOTHING
    RETURNING articles.id, articles.created_at
  )
  SELECT COALESCE(array_agg(ins.id), ARRAY[]::UUID[]), COALESCE(jsonb_object_agg(ins.id, ins.created_at), '{}')
  INTO inserted, inserted_at FROM ins;

  IF cardinality(inserted) > 0 THEN
    -- The speakers of the stored articles, one per match key: the first name and
    -- kind given, the first role and affiliation, every alias.
    SELECT COALESCE(jsonb_agg(jsonb_build_object('match_key', g.match_key, 'name', g.name, 'kind', g.kind, 'role', g.role,
                                                  'affiliation', g.affiliation, 'aliases', g.aliases)), '[]')
    INTO wanted
    FROM (
      SELECT s.match_key, (array_agg(s.name ORDER BY s.ord))[1] AS name, (array_agg(s.kind ORDER BY s.ord))[1] AS kind,
             (array_agg(s.role ORDER BY s.ord) FILTER (WHERE s.role IS NOT NULL))[1] AS role,
             (array_agg(s.affiliation ORDER BY s.ord) FILTER (WHERE s.affiliation IS NOT NULL))[1] AS affiliation,
             ARRAY(SELECT e.x
                   FROM jsonb_array_elements(jsonb_agg(s.aliases ORDER BY s.ord)) WITH ORDINALITY AS l(list, i),
                        jsonb_array_elements_text(l.list) WITH ORDINALITY AS e(x, j)
                   GROUP BY e.x ORDER BY min(l.i * 1000000 + e.j)) AS aliases
      FROM jsonb_to_recordset(speakers_json) AS s(ord INT, article UUID, name TEXT, kind TEXT, role TEXT, affiliation TEXT, aliases JSONB, match_key TEXT)
      WHERE s.article = ANY(inserted)
      GROUP BY s.match_key
    ) g;

    -- Look-ups go by the match keys, so that each is an index probe.
    SELECT ARRAY(SELECT w ->> 'match_key' FROM jsonb_array_elements(wanted) w) INTO wanted_keys;
    SELECT ARRAY(SELECT k.match_key FROM speakers k WHERE k.match_key = ANY(wanted_keys)) INTO known_keys;

    -- A speaker inserted meanwhile by another writer is skipped here and found below.
    INSERT INTO speakers (name, kind, role, affiliation, aliases, match_key, updated_at)
    SELECT w.name, w.kind, w.role, w.affiliation, w.aliases, w.match_key, now()
    FROM jsonb_to_recordset(wanted) AS w(match_key TEXT, name TEXT, kind "SpeakerKind", role TEXT, affiliation TEXT, aliases TEXT[])
    WHERE NOT (w.match_key = ANY(known_keys))
    ORDER BY w.match_key
    ON CONFLICT (match_key) DO NOTHING;

    PERFORM 1 FROM speakers k
    JOIN jsonb_to_recordset(wanted) AS w(match_key TEXT, role TEXT, affiliation TEXT, aliases TEXT[]) ON w.match_key = k.match_key
    WHERE k.match_key = ANY(known_keys)
      AND (NOT (w.aliases <@ k.aliases) OR (k.role IS NULL AND w.role IS NOT NULL)
           OR (k.affiliation IS NULL AND w.affiliation IS NOT NULL))
    ORDER BY k.match_key
    FOR NO KEY UPDATE OF k;
    UPDATE speakers k
    SET aliases = ARRAY(SELECT DISTINCT x FROM unnest(k.aliases || w.aliases) x), role = COALESCE(k.role, w.role),
        affiliation = COALESCE(k.affiliation, w.affiliation), updated_at = now()
    FROM jsonb_to_recordset(wanted) AS w(match_key TEXT, role TEXT, affiliation TEXT, aliases TEXT[])
    WHERE k.match_key = ANY(known_keys) AND w.match_key = k.match_key
      AND (NOT (w.aliases <@ k.aliases) OR (k.role IS NULL AND w.role IS NOT NULL)
           OR (k.affiliation IS NULL AND w.affiliation IS NOT NULL));

    -- Every match key the quotes name, to its speaker's id; a key that names no
    -- speaker by now is a fault, and nothing of the group is kept.
    SELECT COALESCE(jsonb_object_agg(k.match_key, k.id), '{}') INTO speaker_ids
    FROM speakers k
    WHERE k.match_key = ANY(q_speaker_key || q_relayed_key);
    IF EXISTS (
      SELECT 1 FROM unnest(q_article, q_speaker_key, q_relayed_key) AS u(article, speaker_key, relayed_key)
      WHERE u.article = ANY(inserted)
        AND ((u.speaker_key IS NOT NULL AND NOT speaker_ids ? u.speaker_key)
          OR (u.relayed_key IS NOT NULL AND NOT speaker_ids ? u.relayed_key))
    ) THEN
      RAISE EXCEPTION 'a quote names a speaker that was neither found nor created';
    END IF;

    INSERT INTO quotes (id, article_id, outlet, published_at, position, text, normalized_text, kind, start, "end",
                        speaker_id, relayed_by_id, mention_text, mention_start, mention_end, cue_text, cue_start, cue_end, confidence,
                        statement_position, sieve)
    SELECT u.id, u.article, u.outlet, u.published_at, u.position, u.text, u.normalized, u.kind, u.start, u."end",
           COALESCE(u.speaker, (speaker_ids ->> u.speaker_key)::UUID), COALESCE(u.relayed, (speaker_ids ->> u.relayed_key)::UUID),
           u.mention_text, u.mention_start, u.mention_end, u.cue_text, u.cue_start, u.cue_end, u.confidence,
           u.statement, u.sieve
    FROM unnest(q_id, q_article, q_outlet, q_published_at, q_position, q_text, q_normalized, q_kind, q_start, q_end,
                q_speaker, q_speaker_key, q_relayed, q_relayed_key,
                q_mention_text, q_mention_start, q_mention_end, q_cue_text, q_cue_start, q_cue_end, q_confidence, q_statement, q_sieve)
         AS u(id, article, outlet, published_at, position, text, normalized, kind, start, "end", speaker, speaker_key, relayed, relayed_key,
              mention_text, mention_start, mention_end, cue_text, cue_start, cue_end, confidence, statement, sieve)
    WHERE u.article = ANY(inserted);

    -- The name and kind of every speaker the stored quotes point at.
    SELECT COALESCE(jsonb_object_agg(k.id, jsonb_build_array(k.name, k.kind)), '{}') INTO speaker_names
    FROM speakers k
    WHERE k.id IN (
      SELECT v.id FROM unnest(q_article, q_speaker, q_relayed) AS u(article, speaker, relayed),
             LATERAL (VALUES (u.speaker), (u.relayed)) AS v(id)
      WHERE u.article = ANY(inserted) AND v.id IS NOT NULL
      UNION
      SELECT e.value::UUID FROM jsonb_each_text(speaker_ids) AS e);
  END IF;

  RETURN jsonb_build_object(
    'articles', (
      SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'input', i.id,
               'stored', COALESCE(
                 CASE WHEN i.id = ANY(inserted) THEN i.id END,
                 (SELECT x.id FROM articles x
                  WHERE x.body_hash = i.body_hash OR x.url = i.url OR x.canonical_url = i.canonical_url LIMIT 1)),
               'created', i.id = ANY(inserted),
               'created_at', inserted_at -> i.id::TEXT) ORDER BY i.ord), '[]')
      FROM unnest(a_id, a_body_hash, a_url, a_canonical_url) WITH ORDINALITY AS i(id, body_hash, url, canonical_url, ord)),
    'keys', speaker_ids,
    'speakers', speaker_names);
END
$$;

ALTER FUNCTION "ingest_articles"(UUID[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TIMESTAMPTZ[], TEXT[], TEXT[], TIMESTAMPTZ[], JSONB,
  UUID[], UUID[], TEXT[], TIMESTAMPTZ[], INT[], TEXT[], TEXT[], "QuoteKind"[], INT[], INT[], UUID[], TEXT[], UUID[], TEXT[],
  TEXT[], INT[], INT[], TEXT[], INT[], INT[], DOUBLE PRECISION[], INT[], TEXT[])
  SET plan_cache_mode = force_generic_plan;
