import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * JSON lines on stdout. What is logged is chosen at each call site (ids, types, counts, statuses): never bodies,
 * headers, target URLs (a Zapier hook URL is a credential) or tokens. The redact list is a second fence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'highlevel-relay' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['authorization', 'headers.authorization', 'token', 'secret', 'targetUrl', 'target_url', 'body'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
