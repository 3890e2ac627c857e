/**
 * Confirms that an access token belongs to a location by asking HighLevel for that location:
 * `GET /locations/{locationId}` with `Version: 2021-07-28` (HighLevel spec locations.json, operationId
 * get-location; docs/highlevel-api.md §6.9). Only a 200 naming the same location counts. The token is used for this
 * one call and never stored or logged.
 */
export type LocationCheck =
  | { ok: true; companyId: string | null }
  | { ok: false; message: string; retryAfterSeconds?: undefined }
  /** HighLevel was busy (429) or failing (5xx): nothing is wrong with the connection, the subscribe may be tried again. */
  | { ok: false; message: string; retryAfterSeconds: number };

/** HighLevel's Retry-After in seconds (a number or an HTTP date), clamped to 1..60; 10 when absent. */
const retryAfterOf = (res: Response): number => {
  const header = res.headers.get('retry-after');
  const seconds = header === null ? NaN : /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(60, Math.max(1, Math.ceil(seconds))) : 10;
};

export async function confirmLocationToken(baseUrl: string, locationId: string, token: string, timeoutMs: number): Promise<LocationCheck> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/locations/${encodeURIComponent(locationId)}`, {
      headers: { authorization: `Bearer ${token}`, version: '2021-07-28', accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { ok: false, message: 'HighLevel could not be reached to confirm the token; try again' };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429 || res.status >= 500) {
    return {
      ok: false,
      message: `HighLevel was busy confirming this connection for location ${locationId} (GET /locations answered ${res.status}); try again shortly`,
      retryAfterSeconds: retryAfterOf(res),
    };
  }
  if (res.status !== 200) {
    return {
      ok: false,
      message: `HighLevel did not confirm this connection for location ${locationId} (GET /locations answered ${res.status}); reconnect the HighLevel account for that location`,
    };
  }
  let location: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(text) as { location?: unknown };
    location = parsed.location && typeof parsed.location === 'object' ? (parsed.location as Record<string, unknown>) : undefined;
  } catch {
    location = undefined;
  }
  if (location && typeof location.id === 'string' && location.id !== locationId) {
    return { ok: false, message: `HighLevel answered for another location than ${locationId}` };
  }
  return { ok: true, companyId: location && typeof location.companyId === 'string' ? location.companyId : null };
}
