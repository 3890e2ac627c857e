import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * The sandbox's own Ed25519 key pair, new for every sandbox. HighLevel signs each webhook body with its private key
 * and sends the signature, base64, in `X-GHL-Signature` (docs/highlevel-api.md §9.3); receivers verify the raw body
 * with the public key, which HighLevel publishes as SPKI base64 (the form `publicKey` has here).
 */
export class WebhookSigner {
  private readonly privateKey: KeyObject;
  /** SPKI DER, base64 (`MCowBQYDK2VwAyEA…`), the form of HighLevel's published key. */
  readonly publicKey: string;

  constructor() {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  /** Ed25519 over the exact bytes sent (UTF-8 JSON), base64. */
  sign(rawBody: string): string {
    return sign(null, Buffer.from(rawBody, 'utf8'), this.privateKey).toString('base64');
  }
}
