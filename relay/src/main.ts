import { startRelay } from './relay';
import { SettingsError, loadSettings } from './settings';
import type { Settings } from './settings';

/** `npm run relay`: settings from the environment, then run until SIGTERM/SIGINT and shut down gracefully. */
async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings(process.env);
  } catch (err) {
    if (err instanceof SettingsError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  if (settings.sharedSecretGenerated) {
    // Development only (loadSettings refuses elsewhere). Printed to the terminal, never into the JSON log.
    console.error(`RELAY_SHARED_SECRET was not set; generated for this run (development only): ${settings.sharedSecret}`);
  }
  const relay = await startRelay(settings, {
    // A migration that does not apply: nothing this process can fix by waiting.
    onFatal: () => process.exit(1),
  });
  // Last fence: a promise rejected where nothing awaited it is logged and counted, and the relay keeps answering
  // (every path that stores or delivers handles its own errors; crashing here would refuse HighLevel's webhooks).
  process.on('unhandledRejection', (reason: unknown) => {
    relay.metrics.unhandled.inc({ kind: 'rejection' });
    relay.log.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection (the relay keeps running)');
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    relay.log.info({ signal }, 'shutting down');
    relay.close().then(
      () => process.exit(0),
      (err: unknown) => {
        relay.log.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`relay failed to start: ${(err as Error).message}`);
  process.exit(1);
});
