import { createVerify, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * HighLevel signs the raw body: `X-GHL-Signature` is Ed25519 (base64), `X-WH-Signature` the legacy RSA-SHA256
 * (base64) (HighLevel docs, docs/oauth/WebhookAuthentication.md; docs/highlevel-api.md §9.3-9.4). When the Ed25519
 * header is present it alone decides: a forged new signature is not rescued by a legacy one.
 */
export type SignatureCheck = { ok: true; scheme: 'ed25519' | 'rsa' } | { ok: false; reason: 'missing' | 'invalid' };

export interface SignatureKeys {
  ed25519: KeyObject[];
  legacy: KeyObject | undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function checkGhlSignature(raw: Buffer, headers: Record<string, string | string[] | undefined>, keys: SignatureKeys): SignatureCheck {
  const ghl = header(headers['x-ghl-signature']);
  if (ghl !== undefined) {
    if (!BASE64.test(ghl)) return { ok: false, reason: 'invalid' };
    const sig = Buffer.from(ghl, 'base64');
    if (sig.length !== 64) return { ok: false, reason: 'invalid' };
    for (const key of keys.ed25519) {
      if (verify(null, raw, key, sig)) return { ok: true, scheme: 'ed25519' };
    }
    return { ok: false, reason: 'invalid' };
  }
  const legacy = header(headers['x-wh-signature']);
  if (legacy !== undefined) {
    if (!keys.legacy || !BASE64.test(legacy)) return { ok: false, reason: 'invalid' };
    const verifier = createVerify('SHA256');
    verifier.update(raw);
    verifier.end();
    try {
      return verifier.verify(keys.legacy, legacy, 'base64') ? { ok: true, scheme: 'rsa' } : { ok: false, reason: 'invalid' };
    } catch {
      return { ok: false, reason: 'invalid' };
    }
  }
  return { ok: false, reason: 'missing' };
}
