import { startSandbox, type Sandbox } from '../../sandbox';
import { connectToSandbox } from '../../scripts/zap/connect';
import { runPartnerZaps } from '../../scripts/zap/partner_zaps';
import { ZapierRuntime } from '../../scripts/zap/runtime';
import { Scenario } from '../../scripts/zap/scenario';
import { sandboxWorld } from '../../scripts/zap/worlds';
import { formatIssues, loadOpenApiContract, openApiDir, type ValidationIssue } from '../helpers/openapi';
import { resetAppEnv } from '../e2e/helpers';

/**
 * The app's own requests checked against HighLevel's official OpenAPI specs: every request the partner zaps of
 * `npm start` send (paths, methods, Version headers, query and body properties) and every answer they get.
 * Spec gaps (e.g. the empty contact-search body schema) are listed once, with reasons, in test/helpers/openapi.ts.
 */
const dir = openApiDir();
const describeContract = dir ? describe : describe.skip;

describeContract("OpenAPI contract: the app's requests (GHL_OPENAPI_DIR)", () => {
  let sandbox: Sandbox;
  afterAll(async () => {
    await sandbox?.stop();
    resetAppEnv();
  });

  it('every request of the partner zaps, and its answer, matches the official specs', async () => {
    const contract = await loadOpenApiContract(dir as string);
    sandbox = await startSandbox({ contacts: 40 });
    const runtime = new ZapierRuntime();
    await connectToSandbox(sandbox, runtime);
    await runPartnerZaps(new Scenario(runtime, sandboxWorld(sandbox)), 'contract');
    const issues: ValidationIssue[] = [];
    const routes = new Set<string>();
    // The consent page belongs to HighLevel's marketplace web app, not to the API the specs describe.
    for (const entry of sandbox.requests.filter((e) => !e.path.endsWith('/oauth/chooselocation'))) {
      const report = contract.validateLogEntry(entry);
      routes.add(`${entry.method} ${entry.path.replace(/\/[A-Za-z0-9_-]{16,}/g, '/{id}')}`);
      for (const part of [report.request, report.response]) if (part) issues.push(...part.issues);
    }
    expect(formatIssues(issues)).toBe(formatIssues([]));
    expect(routes.size).toBeGreaterThanOrEqual(12);
  });
});
