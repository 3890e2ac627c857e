import { perform } from '../../triggers/pipeline_stage_list';
import { appTester, authData } from '../helpers/app';
import { DEALS, TRAINEES, nockPipelines } from '../helpers/opportunities';

describe('triggers.pipeline_stage_list', () => {
  it('lists the stages of the pipeline chosen on the step, in order', async () => {
    const scope = nockPipelines();
    const stages = (await appTester(perform, { authData, inputData: { pipelineId: TRAINEES.id } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(stages.map((s) => s.label)).toEqual(['Enrolled', 'In Progress', 'Completed']);
    expect(stages[0]).toMatchObject({ id: TRAINEES.stages[0].id, pipelineId: TRAINEES.id, pipelineName: 'Trainees' });
  });

  it('accepts a pipeline name mapped in, and lists nothing for an unknown pipeline', async () => {
    nockPipelines(2);
    expect(((await appTester(perform, { authData, inputData: { pipelineId: 'studio deals' } })) as unknown[]).length).toBe(DEALS.stages.length);
    expect(await appTester(perform, { authData, inputData: { pipelineId: 'Nope' } })).toEqual([]);
  });

  it('before a pipeline is chosen, lists every stage as "Pipeline › Stage"', async () => {
    nockPipelines();
    const stages = (await appTester(perform, { authData, inputData: {} })) as Record<string, unknown>[];
    expect(stages.map((s) => s.label)).toEqual([
      'Trainees › Enrolled',
      'Trainees › In Progress',
      'Trainees › Completed',
      'Studio Deals › New Lead',
      'Studio Deals › Offer Sent',
      'Studio Deals › Negotiation',
    ]);
  });
});
