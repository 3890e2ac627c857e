import { startSandbox, VARIETY_SEEDS, type Sandbox } from '../../sandbox';
import { connectToSandbox } from '../../scripts/zap/connect';
import { runPartnerZaps } from '../../scripts/zap/partner_zaps';
import { formatReport } from '../../scripts/zap/report';
import { ZapierRuntime } from '../../scripts/zap/runtime';
import { Scenario } from '../../scripts/zap/scenario';
import { sandboxWorld } from '../../scripts/zap/worlds';
import { resetAppEnv } from './helpers';

/** `npm start`'s run as a test: every partner-zap step passes against the sandbox, through real OAuth. */
describe.each(VARIETY_SEEDS)('end to end: the partner zaps of npm start (seed %i)', (seed) => {
  let sandbox: Sandbox;
  afterAll(async () => {
    await sandbox?.stop();
    resetAppEnv();
  });

  it('runs every step with consistent HighLevel state', async () => {
    sandbox = await startSandbox({ seed });
    const runtime = new ZapierRuntime();
    await connectToSandbox(sandbox, runtime);
    expect(runtime.authData).toMatchObject({ locationId: sandbox.locationId, companyId: sandbox.companyId });
    const scenario = new Scenario(runtime, sandboxWorld(sandbox));
    await runPartnerZaps(scenario, 'jest');
    const report = formatReport(scenario.rows, scenario.failures);
    expect({ failures: scenario.failures, report }).toEqual({ failures: [], report: expect.any(String) });
    expect(scenario.rows.length).toBeGreaterThanOrEqual(32);
  });
});
