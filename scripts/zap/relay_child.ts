import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * The webhook relay (relay/, its own package) as a child process on loopback with embedded, in-memory PGlite, for
 * `npm start` and the end-to-end tests: the sandbox sends its signed webhooks to it, the app subscribes through it,
 * and it delivers to the hook endpoint stand-in. From compiled scripts it runs relay/dist/main.js (npm start builds
 * it); from TypeScript (the tests) it runs relay/src/main.ts through the relay's own transpile-on-require hook.
 */
export interface RelayChild {
  url: string;
  /** Its metrics listener (the relay never serves /metrics on its public port). */
  metricsUrl: string;
  secret: string;
  /** The relay's last log lines (JSON, no tokens or contact data: relay/src/log.ts), for a failure report. */
  logs: string[];
  stop(): Promise<void>;
}

export interface RelayChildOptions {
  port: number;
  /** The sandbox: the relay confirms subscription tokens against its GET /locations/{id}. */
  ghlApiBaseUrl: string;
  /** The sandbox's Ed25519 public key (sandbox.webhooks.publicKey). */
  webhookPublicKey: string;
}

const repoRoot = (): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'relay', 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('The relay package (relay/) was not found above scripts/zap.');
    dir = up;
  }
  return dir;
};

/** A free loopback port, chosen before the sandbox starts (it needs the relay's webhook URL up front). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export const startRelayChild = async (options: RelayChildOptions, timeoutMs = 60_000): Promise<RelayChild> => {
  const root = repoRoot();
  const fromSource = __filename.endsWith('.ts');
  const args = fromSource
    ? ['-r', join(root, 'relay', 'test', 'helpers', 'ts_register.js'), join(root, 'relay', 'src', 'main.ts')]
    : [join(root, 'relay', 'dist', 'main.js')];
  if (!fromSource && !existsSync(args[0])) throw new Error('relay/dist/main.js is missing: run `npm run build -w relay` first (npm start does).');
  const secret = randomBytes(32).toString('hex');
  const metricsPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      RELAY_HOST: '127.0.0.1',
      PORT: String(options.port),
      RELAY_METRICS_PORT: String(metricsPort),
      RELAY_PGLITE_DIR: 'memory://',
      RELAY_SHARED_SECRET: secret,
      GHL_WEBHOOK_PUBLIC_KEY: options.webhookPublicKey,
      GHL_WEBHOOK_LEGACY_PUBLIC_KEY: 'none',
      GHL_API_BASE_URL: options.ghlApiBaseUrl,
      RELAY_ALLOW_LOOPBACK_TARGETS: 'true',
      // Time-compressed for a demo: wake-ups within 50 ms, retries after 100 ms.
      RELAY_POLL_INTERVAL_MS: '50',
      RELAY_RETRY_BASE_DELAY_MS: '100',
      RELAY_RETRY_MAX_DELAY_MS: '1000',
      RELAY_SHUTDOWN_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const keep = (line: string) => {
    logs.push(line);
    if (logs.length > 200) logs.shift();
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The relay did not start within ${timeoutMs} ms:\n${logs.slice(-20).join('\n')}`)), timeoutMs);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        keep(line);
        if (line.includes('"relay listening"')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => keep(chunk.toString('utf8').trimEnd()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The relay exited (${code}) before listening:\n${logs.slice(-20).join('\n')}`));
    });
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    secret,
    logs,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};
