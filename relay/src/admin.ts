import { signRelayApiRequest } from './auth/relay_signature';

/**
 * The operator's command for events set aside (dead-lettered) because their fan-out kept failing:
 *   RELAY_URL=https://relay.example.com RELAY_SHARED_SECRET=... npm run admin -w relay -- dead-letters
 *   ... -- dead-letters retry <event id>    (back to the fan-out queue, tries reset)
 *   ... -- dead-letters drop <event id>     (deleted; its dedupe key is kept)
 * It calls the relay's signed admin endpoints (GET/POST/DELETE /admin/dead-letters...), so it works the same on
 * embedded PGlite (which no second process can open) and on a server. Prints JSON.
 */
async function main(argv: string[]): Promise<number> {
  const url = (process.env.RELAY_URL ?? '').replace(/\/+$/, '');
  const secret = process.env.RELAY_SHARED_SECRET ?? '';
  const [what, verb, id] = argv;
  if (!url || !secret || what !== 'dead-letters') {
    console.error('usage: RELAY_URL=... RELAY_SHARED_SECRET=... admin dead-letters [list | retry <id> | drop <id>]');
    return 2;
  }
  const call =
    verb === undefined || verb === 'list'
      ? { method: 'GET', path: '/admin/dead-letters' }
      : verb === 'retry' && id
        ? { method: 'POST', path: `/admin/dead-letters/${encodeURIComponent(id)}/retry` }
        : verb === 'drop' && id
          ? { method: 'DELETE', path: `/admin/dead-letters/${encodeURIComponent(id)}` }
          : undefined;
  if (!call) {
    console.error('usage: admin dead-letters [list | retry <id> | drop <id>]');
    return 2;
  }
  const res = await fetch(`${url}${call.path}`, { method: call.method, headers: signRelayApiRequest(secret, call.method, call.path, '') });
  const text = await res.text();
  console.log(text || JSON.stringify({ status: res.status }));
  return res.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`admin: ${(err as Error).message}`);
    process.exit(1);
  },
);
