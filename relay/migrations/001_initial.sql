-- The relay's whole state. Versioned: never edit an applied file, add the next number instead.

-- One row per HighLevel webhook accepted. `body` is the raw text as received (it is forwarded byte for byte and
-- carries contact data, so it is purged once delivered to all and older than the retention period).
CREATE TABLE relay_events (
  id             uuid PRIMARY KEY,
  -- webhookId, or a hash of the body when HighLevel sent none: a retry or replay of the same event is stored once.
  dedupe_key     text NOT NULL UNIQUE,
  webhook_id     text,
  type           text NOT NULL,
  location_id    text,
  body           text NOT NULL,
  -- HighLevel's `timestamp` when present, else received_at: orders tag snapshots.
  event_time     timestamptz NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  fanned_out_at  timestamptz
);
CREATE INDEX relay_events_fanout_idx ON relay_events (received_at, id) WHERE fanned_out_at IS NULL;
CREATE INDEX relay_events_received_idx ON relay_events (received_at);

-- One row per Zapier REST-hook subscription (one Zap's trigger).
CREATE TABLE relay_subscriptions (
  id                    uuid PRIMARY KEY,
  location_id           text NOT NULL,
  company_id            text,
  event                 text NOT NULL,
  filters               jsonb NOT NULL DEFAULT '{}'::jsonb,
  target_url            text NOT NULL,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  consecutive_failures  integer NOT NULL DEFAULT 0,
  failing_since         timestamptz,
  last_failure          text,
  disabled_at           timestamptz,
  disabled_reason       text
);
CREATE INDEX relay_subscriptions_match_idx ON relay_subscriptions (location_id, event) WHERE status = 'active';
CREATE INDEX relay_subscriptions_company_idx ON relay_subscriptions (company_id);

-- One row per (event, subscription): the unit of work of the delivery queue.
CREATE TABLE relay_deliveries (
  id               uuid PRIMARY KEY,
  event_id         uuid NOT NULL REFERENCES relay_events (id) ON DELETE CASCADE,
  subscription_id  uuid NOT NULL REFERENCES relay_subscriptions (id) ON DELETE CASCADE,
  event            text NOT NULL,
  -- {added, removed} for contact.tag_added / contact.tag_removed, else null.
  tags             jsonb,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  -- Due time while pending; a claim pushes it out by the lease, so a crashed claimer's work comes due again.
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  -- The first failed attempt: a delivery that dies while its subscription has not succeeded since then disables it.
  first_failed_at  timestamptz,
  last_status      integer,
  last_error       text,
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX relay_deliveries_due_idx ON relay_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX relay_deliveries_subscription_idx ON relay_deliveries (subscription_id) WHERE status = 'pending';

-- The last tags seen per contact, to turn ContactTagUpdate (which carries the whole list) into added/removed.
CREATE TABLE relay_tag_snapshots (
  location_id  text NOT NULL,
  contact_id   text NOT NULL,
  tags         text[] NOT NULL,
  event_time   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, contact_id)
);
