import './zap/quiet';
import { connectToSandbox } from './zap/connect';
import { installHttpCounter } from './zap/http_counter';
import { startInstantWorld, type InstantWorld } from './zap/instant_setup';
import { runInstantZaps } from './zap/instant_zaps';
import { runPartnerZaps } from './zap/partner_zaps';
import { formatReport } from './zap/report';
import { ZapierRuntime } from './zap/runtime';
import { Scenario, type World } from './zap/scenario';
import { liveWorld, sandboxWorld } from './zap/worlds';

/**
 * `npm start`: the main job. Starts the HighLevel sandbox (or, with --live, uses a real location), connects the
 * app through its real OAuth flow, runs the TrainerCentral and CentralStationCRM zaps through the Zapier runtime,
 * checks HighLevel's state after every step and prints a report. Exit code 1 on any inconsistency. Against the
 * sandbox the zaps then run again on instant triggers: sandbox webhooks → the relay (a child process, embedded
 * PGlite) → a stand-in for Zapier's hook endpoint → the app's hook perform.
 */
async function cleanUpLive(s: Scenario): Promise<void> {
  for (const [kind, id] of [...s.created].reverse()) {
    try {
      if (kind === 'opportunity') await s.runtime.create('opportunity_delete', { opportunityId: id });
      if (kind === 'appointment') await s.runtime.create('appointment_delete', { appointmentId: id });
      if (kind === 'contact') await s.runtime.create('contact_delete', { contactId: id });
    } catch (error) {
      console.error(`Could not remove ${kind} ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function main(): Promise<number> {
  const live = process.argv.includes('--live');
  installHttpCounter();
  const runtime = new ZapierRuntime();
  let instantWorld: InstantWorld | undefined;
  let world: World;
  const started = Date.now();

  if (live) {
    const token = process.env.GHL_LIVE_ACCESS_TOKEN;
    const locationId = process.env.GHL_LIVE_LOCATION_ID;
    if (!token || !locationId) {
      console.error('--live needs GHL_LIVE_ACCESS_TOKEN and GHL_LIVE_LOCATION_ID (see README, "Live mode").');
      return 2;
    }
    runtime.authData = { access_token: token, locationId, companyId: process.env.GHL_LIVE_COMPANY_ID ?? '', userId: '', scope: '' };
    world = liveWorld(process.env.GHL_API_BASE_URL ?? 'https://services.leadconnectorhq.com', token, locationId, process.env.GHL_LIVE_CALENDAR_ID);
    console.log(`Live run against location ${locationId}.`);
  } else {
    instantWorld = await startInstantWorld();
    const { sandbox, relay } = instantWorld;
    const up = Date.now();
    await connectToSandbox(sandbox, runtime);
    world = sandboxWorld(sandbox);
    console.log(`HighLevel sandbox at ${sandbox.baseUrl} (${sandbox.state.contacts.size} contacts), connected through OAuth in ${Date.now() - up} ms.`);
    console.log(`Webhook relay at ${relay.url} (embedded PGlite), receiving the sandbox's signed webhooks; both started in ${up - started} ms.`);
  }

  const scenario = new Scenario(runtime, world);
  try {
    await runPartnerZaps(scenario, live ? `live-${Date.now()}` : 'sandbox');
    if (instantWorld) await runInstantZaps(scenario, await instantWorld.hooks(runtime), 'sandbox');
    else console.log('Instant triggers are not run live: HighLevel sends webhooks to the marketplace app, not to this machine.');
  } finally {
    if (live) await cleanUpLive(scenario);
    await instantWorld?.stop();
  }
  console.log(`\n${formatReport(scenario.rows, scenario.failures)}`);
  console.log(`Total ${Date.now() - started} ms.`);
  return scenario.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
