import { createPrivateKey, createSign, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Test key pairs made at run time. HighLevel's private keys are not ours: tests hand the relay these public keys
 * through its settings and sign with the private halves, exactly as HighLevel would.
 */
export interface TestKeys {
  ed25519PublicBase64: string;
  ed25519Private: KeyObject;
  rsaPublicPem: string;
  rsaPrivate: KeyObject;
}

let cached: TestKeys | undefined;

export function testKeys(): TestKeys {
  if (cached) return cached;
  const ed = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  cached = {
    ed25519PublicBase64: ed.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    ed25519Private: ed.privateKey,
    rsaPublicPem: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    rsaPrivate: createPrivateKey(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' })),
  };
  return cached;
}

/** Another Ed25519 key: a signature by it must be refused (the "wrong key" case). */
export function strangerEd25519(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

export function signEd25519(raw: string | Buffer, key: KeyObject = testKeys().ed25519Private): string {
  return sign(null, Buffer.from(raw), key).toString('base64');
}

export function signRsa(raw: string | Buffer, key: KeyObject = testKeys().rsaPrivate): string {
  const signer = createSign('SHA256');
  signer.update(raw);
  signer.end();
  return signer.sign(key, 'base64');
}
