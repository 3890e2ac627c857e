import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Environment } from '../../src/settings';

/** The relay as its own process (`src/main.ts`, through ts_register.js), so a test can kill it for real. */
export interface RelayProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  logs: string[];
}

const MAIN = path.resolve(__dirname, '..', '..', 'src', 'main.ts');
const REGISTER = path.resolve(__dirname, 'ts_register.js');

export async function spawnRelay(env: Environment, timeoutMs = 30_000): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['-r', REGISTER, MAIN], {
    env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${logs.join('\n')}`)), timeoutMs);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'relay listening' && entry.port) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${entry.port}`);
          }
        } catch {
          // not a log line
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
  return { url, child, exited, logs };
}
