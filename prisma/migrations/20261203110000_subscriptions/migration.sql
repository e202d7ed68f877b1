-- Alerts: a subscription names a speaker, search words or both, and a callback URL
-- that each new matching quote is posted to, signed with the subscription's secret
-- (kept as given: signing needs it, and no answer shows it).
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL,
    -- No foreign key: a speaker merged away is followed through speaker_merges.
    "speaker_id" UUID,
    "q" TEXT,
    "callback_url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "subscriptions_created_at_id_idx" ON "subscriptions"("created_at", "id");

-- Each attempt to deliver an event to a subscription's callback.
CREATE TABLE "subscription_deliveries" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "quote_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_deliveries_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "subscription_deliveries_subscription_id_attempted_at_id_idx" ON "subscription_deliveries"("subscription_id", "attempted_at", "id");

CREATE INDEX "subscription_deliveries_event_id_idx" ON "subscription_deliveries"("event_id");

ALTER TABLE "subscription_deliveries" ADD CONSTRAINT "subscription_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox of new quotes: every statement that inserts quotes (ingestion, or a
-- quote added by hand) notes them here in its own transaction, while any
-- subscription exists, and wakes the relay with a notification sent at commit.
-- The relay matches them against the subscriptions and queues one delivery job per
-- match in the transaction that deletes them, so a crash loses no quote.
CREATE TABLE "new_quotes" (
    "quote_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "new_quotes_pkey" PRIMARY KEY ("quote_id")
);

CREATE INDEX "new_quotes_added_at_idx" ON "new_quotes"("added_at");

CREATE FUNCTION note_new_quotes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM subscriptions) THEN
    INSERT INTO new_quotes (quote_id) SELECT id FROM added ON CONFLICT DO NOTHING;
    PERFORM pg_notify('new_quotes', '');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "quotes_note_new" AFTER INSERT ON "quotes"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION note_new_quotes();
