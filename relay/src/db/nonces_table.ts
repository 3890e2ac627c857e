import type { Queryable } from './db';

/** relay_api_nonces: the nonces of signed API calls still inside their signature window. */

/** Records a nonce until `expiresAt`; returns false when it was already there (the call is a replay). */
export async function recordNonce(q: Queryable, nonce: string, expiresAt: Date): Promise<boolean> {
  const result = await q.query(`INSERT INTO relay_api_nonces (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING`, [
    nonce,
    expiresAt.toISOString(),
  ]);
  return result.rowCount > 0;
}
