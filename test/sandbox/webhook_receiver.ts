import { createPublicKey, verify } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
}

/** What to answer: a status, or 'hang' (never answer; the socket is closed when the receiver stops). */
export type Answer = number | 'hang';

/**
 * A webhook receiver on 127.0.0.1 for the sandbox to post to. `answer` decides each reply (default 200); every
 * request is kept in `received`, in arrival order.
 */
export class Receiver {
  readonly received: Received[] = [];
  answer: (req: Received, index: number) => Answer = () => 200;
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new Receiver(server, `http://127.0.0.1:${port}/webhooks/highlevel`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => receiver.handle(req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    return receiver;
  }

  private handle(headers: IncomingHttpHeaders, rawBody: string, res: ServerResponse): void {
    const req: Received = { headers, rawBody, body: JSON.parse(rawBody) as Record<string, unknown> };
    this.received.push(req);
    const answer = this.answer(req, this.received.length - 1);
    if (answer === 'hang') {
      this.hanging.push(res);
      return;
    }
    res.writeHead(answer, { 'content-type': 'application/json' });
    res.end('{}');
  }

  /** Requests for one event (its first attempt and every retry). */
  attemptsOf(webhookId: string): Received[] {
    return this.received.filter((r) => r.body.webhookId === webhookId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Ed25519 check of `X-GHL-Signature` over the raw body, with the SPKI base64 key the sandbox exposes. */
export function signatureValid(publicKeySpki: string, rawBody: string, signature: string | string[] | undefined): boolean {
  if (typeof signature !== 'string') return false;
  const key = createPublicKey({ key: Buffer.from(publicKeySpki, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(rawBody, 'utf8'), key, Buffer.from(signature, 'base64'));
}
