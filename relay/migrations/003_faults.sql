-- Faults (issue 20): poison events set aside, dedupe kept past the purge, replayed API calls refused, and the state
-- that keeps one subscription's or one location's trouble from delaying another's. New columns only; 001/002 stand.

-- Fan-out of an event that fails on its own (not because the database is away) is tried a bounded number of times,
-- with a growing pause between tries, then dead-lettered with the reason: the events behind it go on.
ALTER TABLE relay_events
  ADD COLUMN fanout_attempts   integer NOT NULL DEFAULT 0,
  ADD COLUMN fanout_retry_at   timestamptz,
  ADD COLUMN fanout_error      text,
  ADD COLUMN dead_lettered_at  timestamptz,
  -- Until when a replay of this webhook could still arrive and pass the timestamp window: its HighLevel timestamp
  -- plus the window, or 'infinity' when it had none (nothing dates it). NULL (rows stored before this migration):
  -- not known, treated as 'infinity'. The purge leaves a tombstone of the dedupe key until then.
  ADD COLUMN replayable_until  timestamptz;

-- Fan-out claims fairly across locations: the oldest few of each location with events waiting, walked with a loose
-- index scan over this index (an agency-level UNINSTALL has no location: '' stands for it).
CREATE INDEX relay_events_fanout_location_idx ON relay_events ((COALESCE(location_id, '')), received_at, id)
  WHERE fanned_out_at IS NULL AND dead_lettered_at IS NULL;
CREATE INDEX relay_events_dead_letter_idx ON relay_events (dead_lettered_at) WHERE dead_lettered_at IS NOT NULL;

-- The dedupe record of a purged event (its body, contact data, is gone): a replay is still answered "duplicate".
CREATE TABLE relay_dedupe_tombstones (
  dedupe_key        text PRIMARY KEY,
  replayable_until  timestamptz NOT NULL
);
CREATE INDEX relay_dedupe_tombstones_until_idx ON relay_dedupe_tombstones (replayable_until);

-- Nonces of signed API calls, kept for as long as their timestamp is inside the signature window: a repeat is refused.
CREATE TABLE relay_api_nonces (
  nonce       text PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX relay_api_nonces_expires_idx ON relay_api_nonces (expires_at);

-- A target that keeps failing or timing out is paused by the circuit breaker (growing pauses, then one probe); a
-- target that answers 429 with Retry-After is paused for that long. Shared by every instance through the claim.
ALTER TABLE relay_subscriptions
  ADD COLUMN paused_until   timestamptz,
  ADD COLUMN pause_reason   text,
  ADD COLUMN breaker_opens  integer NOT NULL DEFAULT 0;
CREATE INDEX relay_subscriptions_target_idx ON relay_subscriptions (target_url);

-- Per-hook pacing within Zapier's REST-hook limits: the next free send slot of each subscription. New deliveries are
-- scheduled at it (one slot per 1/rate s), so a location's burst is spread out and other hooks' deliveries, due now,
-- are claimed between them. Written by the fan-out only (one instance at a time).
CREATE TABLE relay_hook_pace (
  subscription_id  uuid PRIMARY KEY REFERENCES relay_subscriptions (id) ON DELETE CASCADE,
  next_slot_at     timestamptz NOT NULL
);

CREATE INDEX relay_deliveries_subscription_due_idx ON relay_deliveries (subscription_id, next_attempt_at) WHERE status = 'pending';

-- The claim, with isolation: subscriptions this instance cannot start now (at their concurrency limit, paced) are
-- skipped; at most p_per_subscription rows of one subscription per claim, one while its breaker is half-open (a
-- probe), none of a paused or disabled one. Oldest due first otherwise, as 002's.
CREATE FUNCTION relay_claim_deliveries_isolated(
  p_limit integer, p_lease_ms double precision, p_skip uuid[], p_per_subscription integer, p_probe_after integer
)
RETURNS TABLE (
  id uuid, event_id uuid, subscription_id uuid, event text, tags jsonb, attempts integer, created_at timestamptz,
  webhook_id text, location_id text, body text, received_at timestamptz, target_url text, consecutive_failures integer
)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH candidates AS (
    SELECT d.id, d.subscription_id, d.next_attempt_at FROM relay_deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND NOT (d.subscription_id = ANY (p_skip))
     ORDER BY d.next_attempt_at
     LIMIT p_limit * 4
  ), ranked AS (
    SELECT c.id, c.next_attempt_at, s.consecutive_failures AS failures,
           row_number() OVER (PARTITION BY c.subscription_id ORDER BY c.next_attempt_at) AS n
      FROM candidates c JOIN relay_subscriptions s ON s.id = c.subscription_id
     WHERE s.status = 'active' AND (s.paused_until IS NULL OR s.paused_until <= now())
  ), picked AS (
    SELECT r.id FROM ranked r
     WHERE r.n <= CASE WHEN r.failures >= p_probe_after THEN 1 ELSE p_per_subscription END
     ORDER BY r.next_attempt_at
     LIMIT p_limit
  ), due AS (
    SELECT d.id FROM relay_deliveries d JOIN picked p ON p.id = d.id
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
     FOR UPDATE OF d SKIP LOCKED
  ), claimed AS (
    UPDATE relay_deliveries d
       SET next_attempt_at = now() + make_interval(secs => p_lease_ms / 1000), attempts = d.attempts + 1
      FROM due WHERE d.id = due.id
    RETURNING d.id, d.event_id, d.subscription_id, d.event, d.tags, d.attempts, d.created_at
  )
  SELECT c.id, c.event_id, c.subscription_id, c.event, c.tags, c.attempts, c.created_at,
         e.webhook_id, e.location_id, e.body, e.received_at, s.target_url, s.consecutive_failures
    FROM claimed c
    JOIN relay_events e ON e.id = c.event_id
    JOIN relay_subscriptions s ON s.id = c.subscription_id;
END
$$;
