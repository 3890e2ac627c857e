import nock from 'nock';
import { perform } from '../../triggers/pipeline_list';
import { API, appTester, authData, thrown } from '../helpers/app';
import { nockPipelines } from '../helpers/opportunities';

describe('triggers.pipeline_list', () => {
  it('lists the pipelines with their number of stages', async () => {
    const scope = nockPipelines();
    expect(await appTester(perform, { authData })).toEqual([
      { id: 'VDm7RPYC2GLUvdpKmBfC', name: 'Trainees', stageCount: 3 },
      { id: 'bCkKGpDsyPP4peuKowkG', name: 'Studio Deals', stageCount: 3 },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads stages leniently: unordered positions are sorted, stages without an id and list-shaped stages are left out', async () => {
    nock(API)
      .get('/opportunities/pipelines')
      .query(true)
      .reply(200, {
        pipelines: [{ id: 'P1', name: 'Odd', stages: [{ id: 's2', name: 'B', position: 2 }, ['x'], { name: 'no id' }, { id: 's1', name: 'A', position: 1 }] }],
      });
    expect(await appTester(perform, { authData })).toEqual([{ id: 'P1', name: 'Odd', stageCount: 2 }]);
  });

  it('says so when the answer is not a pipeline list', async () => {
    nock(API).get('/opportunities/pipelines').query(true).reply(200, { pipelines: 'none' });
    expect((await thrown(appTester(perform, { authData }))).message).toMatch(/with a pipeline list the app cannot read/);
  });
});
