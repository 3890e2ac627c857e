-- The delivery claim is the relay's most frequent statement. As a PL/pgSQL function its plan is prepared once per
-- connection instead of on every call (embedded PGlite re-plans every parameterised statement; measured about 4x
-- cheaper there). Same rows, same locking as the plain statement it replaces.
CREATE FUNCTION relay_claim_deliveries(p_limit integer, p_lease_ms double precision)
RETURNS TABLE (
  id uuid, event_id uuid, subscription_id uuid, event text, tags jsonb, attempts integer, created_at timestamptz,
  webhook_id text, location_id text, body text, received_at timestamptz, target_url text, consecutive_failures integer
)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH due AS (
    SELECT d.id FROM relay_deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
     ORDER BY d.next_attempt_at
     LIMIT p_limit
     FOR UPDATE SKIP LOCKED
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
