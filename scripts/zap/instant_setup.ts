import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { HookEndpoint } from './hook_endpoint';
import type { InstantSetup } from './instant_zaps';
import { freePort, startRelayChild, type RelayChild } from './relay_child';
import type { ZapierRuntime } from './runtime';

/**
 * The instant pipeline on this machine: a sandbox that sends HighLevel's signed webhooks to a relay (child process,
 * embedded PGlite), the app pointed at that relay (RELAY_URL, RELAY_SHARED_SECRET, as `zapier-platform env:set` would
 * set them), and a stand-in for Zapier's hook endpoint. The relay's port is chosen first: the sandbox needs the
 * webhook URL when it starts, the relay needs the sandbox's key and base URL when it starts.
 */
export interface InstantWorld {
  sandbox: Sandbox;
  relay: RelayChild;
  /** Starts the hook endpoint for a runtime connected to the sandbox (after the OAuth connect). */
  hooks(runtime: ZapierRuntime): Promise<InstantSetup>;
  stop(): Promise<void>;
}

const metric = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
};

export const startInstantWorld = async (options: SandboxOptions = {}): Promise<InstantWorld> => {
  const port = await freePort();
  const sandbox = await startSandbox({ ...options, webhooks: { url: `http://127.0.0.1:${port}/webhooks/highlevel` } });
  let relay: RelayChild;
  try {
    relay = await startRelayChild({ port, ghlApiBaseUrl: sandbox.baseUrl, webhookPublicKey: sandbox.webhooks?.publicKey ?? '' });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  process.env.RELAY_URL = relay.url;
  process.env.RELAY_SHARED_SECRET = relay.secret;
  let endpoint: HookEndpoint | undefined;

  const settle = async (timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    // Calm twice in a row: a perform that just finished may have started a write whose webhook is on its way.
    for (let calm = 0; calm < 2;) {
      if (Date.now() > deadline) throw new Error(`the sandbox, relay and hook endpoint did not settle within ${timeoutMs} ms`);
      await sandbox.webhooks?.idle();
      const text = await (await fetch(`${relay.metricsUrl}/metrics`)).text();
      const backlog = metric(text, 'relay_queue_depth') + metric(text, 'relay_events_awaiting_fanout');
      calm = backlog === 0 && (endpoint?.idle ?? true) ? calm + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  return {
    sandbox,
    relay,
    hooks: async (runtime) => {
      endpoint = await HookEndpoint.start(runtime);
      return { endpoint, settle };
    },
    stop: async () => {
      await endpoint?.stop();
      await relay.stop();
      await sandbox.stop();
      delete process.env.RELAY_URL;
      delete process.env.RELAY_SHARED_SECRET;
    },
  };
};
