import type { Opportunity, Pipeline } from '../../sandbox';
import { first, useSandbox } from './helpers';

/** The sandbox's pipelines and opportunities against docs/highlevel-api.md §6.10, over real HTTP on loopback. */
describe('sandbox: pipelines and opportunities', () => {
  const ctx = useSandbox();
  const pipeline = (name: string): Pipeline => {
    const found = [...ctx.sb.state.sales.pipelines.values()].find((p) => p.name === name);
    if (!found) throw new Error(`no pipeline ${name}`);
    return found;
  };
  const freeContact = () => {
    const taken = new Set([...ctx.sb.state.sales.opportunities.values()].map((o) => o.contactId));
    return [...ctx.sb.state.contacts.values()].find((c) => !taken.has(c.id))!;
  };
  const body = (over: Record<string, unknown> = {}) => ({
    pipelineId: pipeline('Trainees').id,
    locationId: ctx.sb.locationId,
    name: 'Lena Vogt: Level 1',
    status: 'open',
    contactId: freeContact().id,
    ...over,
  });

  it('seeds two pipelines with ordered stages, lost reasons and opportunities', async () => {
    const { api, sb } = ctx;
    const res = await api.get<{ pipelines: Pipeline[] }>('/opportunities/pipelines', { query: { locationId: sb.locationId } });
    expect(res.status).toBe(200);
    expect(res.body.pipelines.map((p) => [p.name, p.stages.map((s) => s.name)])).toEqual([
      ['Trainees', ['Enrolled', 'In Progress', 'Completed']],
      ['Studio Memberships', ['New Lead', 'Trial Booked', 'Offer Sent', 'Negotiation']],
    ]);
    expect(res.body.pipelines[0].stages[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    const reasons = await api.get<{ lostReasons: { name: string }[]; total: number }>('/opportunities/lost-reason', { query: { locationId: sb.locationId } });
    expect(reasons.body.total).toBe(3);
    expect(sb.state.sales.opportunities.size).toBe(6);
  });

  it('pipelines need the locationId query and refuse another location (422, 403)', async () => {
    expect((await ctx.api.get('/opportunities/pipelines')).status).toBe(422);
    expect((await ctx.api.get('/opportunities/pipelines', { query: { locationId: 'SomeOtherLocation000' } })).status).toBe(403);
  });

  it('creates an opportunity in the first stage when none is given, with a 201 envelope', async () => {
    const res = await ctx.api.post<{ opportunity: Opportunity }>('/opportunities/', body({ monetaryValue: 104 }));
    expect(res.status).toBe(201);
    expect(res.body.opportunity).toMatchObject({ pipelineStageId: pipeline('Trainees').stages[0].id, status: 'open', monetaryValue: 104 });
    expect(res.body.opportunity.createdAt).toBe(res.body.opportunity.lastStageChangeAt);
  });

  it.each([
    [{ name: undefined }, 422, /name should not be empty/],
    [{ status: 'pending' }, 422, /status must be one of the following values/],
    [{ status: 'all' }, 422, /open, won, lost, abandoned/],
    [{ monetaryValue: '104' }, 422, /monetaryValue must be a number/],
    [{ source: 'Zapier' }, 422, /property source should not exist/],
    [{ pipelineId: 'NoSuchPipeline000000' }, 400, /Pipeline not found/],
    [{ contactId: 'NoSuchContact0000000' }, 400, /Contact not found/],
    [{ assignedTo: 'NoSuchUser0000000000' }, 400, /Assigned user not found/],
    [{ locationId: 'SomeOtherLocation000' }, 403, /does not have access/],
  ])('refuses %j with %i', async (over, status, message) => {
    const res = await ctx.api.post<{ message: string | string[] }>('/opportunities/', body(over));
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });

  it('refuses a stage of another pipeline (400), on create and on update', async () => {
    const otherStage = pipeline('Studio Memberships').stages[1].id;
    const res = await ctx.api.post<{ message: string }>('/opportunities/', body({ pipelineStageId: otherStage }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/does not belong to the pipeline/);
    const created = await ctx.api.post<{ opportunity: Opportunity }>('/opportunities/', body());
    const moved = await ctx.api.put(`/opportunities/${created.body.opportunity.id}`, { pipelineStageId: otherStage });
    expect(moved.status).toBe(400);
    const movedPipeline = await ctx.api.put(`/opportunities/${created.body.opportunity.id}`, { pipelineId: pipeline('Studio Memberships').id });
    expect(movedPipeline.status).toBe(400);
  });

  it('refuses a second opportunity of a contact in a pipeline (the location does not allow duplicates)', async () => {
    const contactId = freeContact().id;
    expect((await ctx.api.post('/opportunities/', body({ contactId }))).status).toBe(201);
    const again = await ctx.api.post<{ message: string }>('/opportunities/', body({ contactId, name: 'Another one' }));
    expect(again.status).toBe(400);
    expect(again.body.message).toBe('Can not create duplicate opportunity for the contact.');
    ctx.sb.state.location.settings.allowDuplicateOpportunity = true;
    expect((await ctx.api.post('/opportunities/', body({ contactId, name: 'Another one' }))).status).toBe(201);
  });

  it('updates stage and status with their change dates; the status route takes a lost reason only with lost', async () => {
    const { api, sb } = ctx;
    const created = (await api.post<{ opportunity: Opportunity }>('/opportunities/', body())).body.opportunity;
    const done = pipeline('Trainees').stages[2].id;
    const moved = await api.put<{ opportunity: Opportunity }>(`/opportunities/${created.id}`, { pipelineStageId: done, monetaryValue: 200 });
    expect(moved.status).toBe(200);
    expect(moved.body.opportunity).toMatchObject({ pipelineStageId: done, monetaryValue: 200, status: 'open' });
    expect(moved.body.opportunity.lastStatusChangeAt).toBe(created.lastStatusChangeAt);
    const reason = first(sb.state.sales.lostReasons);
    const wrong = await api.put<{ message: string }>(`/opportunities/${created.id}/status`, { status: 'won', lostReasonId: reason.id });
    expect([wrong.status, wrong.body.message]).toEqual([400, 'lostReasonId can only be set with status lost']);
    const unknown = await api.put(`/opportunities/${created.id}/status`, { status: 'lost', lostReasonId: 'NoSuchReason00000000' });
    expect(unknown.status).toBe(400);
    const lost = await api.put(`/opportunities/${created.id}/status`, { status: 'lost', lostReasonId: reason.id });
    expect([lost.status, lost.body]).toEqual([200, { succeded: true, traceId: expect.any(String) }]);
    expect(sb.state.sales.opportunities.get(created.id)).toMatchObject({ status: 'lost', lostReasonId: reason.id });
    const reopened = await api.put<{ opportunity: Opportunity }>(`/opportunities/${created.id}`, { status: 'open' });
    expect(reopened.body.opportunity.status).toBe('open');
    expect(reopened.body.opportunity).not.toHaveProperty('lostReasonId');
  });

  it('writes opportunity custom values and reads them back as fieldValue (GET) and fieldValueString (search, issue #87)', async () => {
    const { api, sb } = ctx;
    const field = [...sb.state.customFields.values()].find((f) => f.model === 'opportunity')!;
    const contactField = [...sb.state.customFields.values()].find((f) => f.model === 'contact')!;
    const created = await api.post<{ opportunity: Opportunity }>(
      '/opportunities/',
      body({
        customFields: [
          { id: field.id, field_value: 'TrainerCentral' },
          { id: contactField.id, field_value: 'ignored' },
        ],
      }),
    );
    expect(created.body.opportunity.customFields).toEqual([{ id: field.id, fieldValue: 'TrainerCentral' }]);
    const search = await api.get<{ opportunities: Record<string, unknown>[] }>('/opportunities/search', {
      query: { location_id: sb.locationId, id: created.body.opportunity.id },
    });
    expect(search.body.opportunities[0].customFields).toEqual([{ id: field.id, type: 'string', fieldValueString: 'TrainerCentral' }]);
    expect(search.body.opportunities[0].contact).toMatchObject({ id: created.body.opportunity.contactId });
  });

  it('searches with filters, oldest first by default, newest first with order=added_desc, paged', async () => {
    const { api, sb } = ctx;
    const loc = sb.locationId;
    type Page = { opportunities: Opportunity[]; meta: { total: number; nextPage?: number; startAfterId?: string; startAfter?: number } };
    const all = await api.get<Page>('/opportunities/search', { query: { location_id: loc, status: 'all' } });
    expect(all.body.meta.total).toBe(6);
    const created = all.body.opportunities.map((o) => o.createdAt);
    expect(created).toEqual([...created].sort());
    const desc = await api.get<Page>('/opportunities/search', { query: { location_id: loc, order: 'added_desc', limit: 2 } });
    expect(desc.body.opportunities.map((o) => o.createdAt)).toEqual([...created].reverse().slice(0, 2));
    expect(desc.body.meta).toMatchObject({ total: 6, nextPage: 2 });
    const cursor = await api.get<Page>('/opportunities/search', {
      query: { location_id: loc, order: 'added_desc', limit: 2, startAfter: desc.body.meta.startAfter, startAfterId: desc.body.meta.startAfterId },
    });
    expect(cursor.body.opportunities.map((o) => o.createdAt)).toEqual([...created].reverse().slice(2, 4));
    const won = await api.get<Page>('/opportunities/search', { query: { location_id: loc, status: 'won' } });
    expect(won.body.opportunities.every((o) => o.status === 'won')).toBe(true);
    const one = all.body.opportunities[0];
    const byContact = await api.get<Page>('/opportunities/search', { query: { location_id: loc, contact_id: one.contactId, pipeline_id: one.pipelineId } });
    expect(byContact.body.opportunities.map((o) => o.id)).toEqual([one.id]);
    expect((await api.get('/opportunities/search', { query: { location_id: loc, order: 'updated_desc' } })).status).toBe(422);
    expect((await api.get('/opportunities/search', { query: { location_id: loc, limit: 101 } })).status).toBe(422);
    expect((await api.get('/opportunities/search', { query: { locationId: loc } })).status).toBe(422);
    expect((await api.get('/opportunities/search', { query: { location_id: loc, date: '2026-06-01' } })).status).toBe(422);
  });

  describe('POST /opportunities/upsert (UpsertOpportunityDto, or by contact and pipeline)', () => {
    const upsertBody = (id: string | undefined, over: Record<string, unknown> = {}) => ({
      ...(id ? { id } : {}),
      pipelineId: pipeline('Trainees').id,
      locationId: ctx.sb.locationId,
      followers: [ctx.sb.userId],
      isRemoveAllFollowers: false,
      followersActionType: 'add',
      ...over,
    });
    const fresh = async () => (await ctx.api.post<{ opportunity: Opportunity }>('/opportunities/', body())).body.opportunity;

    it('updates the opportunity with that id under the update rules and answers 200 {opportunity, new: false}', async () => {
      const created = await fresh();
      const done = pipeline('Trainees').stages[2].id;
      const res = await ctx.api.post<{ opportunity: Opportunity; new: boolean }>(
        '/opportunities/upsert',
        upsertBody(created.id, { name: 'Level 2', pipelineStageId: done, monetaryValue: 220, status: 'won', assignedTo: ctx.sb.userId }),
      );
      expect(res.status).toBe(200);
      expect(res.body.new).toBe(false);
      expect(res.body.opportunity).toMatchObject({
        id: created.id,
        name: 'Level 2',
        pipelineStageId: done,
        monetaryValue: 220,
        status: 'won',
        assignedTo: ctx.sb.userId,
        contactId: created.contactId,
        followers: [ctx.sb.userId],
      });
      expect(res.body.opportunity.lastStageChangeAt > created.lastStageChangeAt || res.body.opportunity.lastStageChangeAt === created.lastStageChangeAt).toBe(
        true,
      );
      expect(ctx.sb.state.sales.opportunities.get(created.id)).toMatchObject({ name: 'Level 2', status: 'won' });
    });

    it('adds and removes followers, or removes them all first', async () => {
      const { id } = await fresh();
      const followers = async (over: Record<string, unknown>) =>
        (await ctx.api.post<{ opportunity: Opportunity }>('/opportunities/upsert', upsertBody(id, over))).body.opportunity.followers;
      expect(await followers({ followers: ['u1', 'u2'] })).toEqual(['u1', 'u2']);
      expect(await followers({ followers: ['u2', 'u3'] })).toEqual(['u1', 'u2', 'u3']);
      expect(await followers({ followers: ['u1'], followersActionType: 'remove' })).toEqual(['u2', 'u3']);
      expect(await followers({ followers: ['u4'], isRemoveAllFollowers: true })).toEqual(['u4']);
    });

    it.each([
      [{ followers: 'u1' }, 422, /followers must be an array/],
      [{ isRemoveAllFollowers: 'yes' }, 422, /isRemoveAllFollowers must be a boolean value/],
      [{ followersActionType: 'replace' }, 422, /followersActionType must be one of the following values: add, remove/],
      [{ contactId: 'NoSuchContact0000000' }, 400, /Contact not found/],
      [{ customFields: [] }, 422, /property customFields should not exist/],
      [{ monetaryValue: '220' }, 422, /monetaryValue must be a number/],
      [{ status: 'all' }, 422, /open, won, lost, abandoned/],
      [{ pipelineId: 'NoSuchPipeline000000' }, 400, /Pipeline not found/],
      [{ pipelineId: undefined }, 422, /pipelineId should not be empty|pipelineId must be a string/],
      [{ assignedTo: 'NoSuchUser0000000000' }, 400, /Assigned user not found/],
      [{ lostReasonId: 'x' }, 400, /lostReasonId can only be set with status lost/],
      [{ locationId: 'SomeOtherLocation000' }, 403, /does not have access/],
    ])('refuses %j with %i', async (over, status, message) => {
      const { id } = await fresh();
      const res = await ctx.api.post<{ message: string | string[] }>('/opportunities/upsert', upsertBody(id, over));
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    });

    it('refuses a stage of another pipeline, and a move to another pipeline without its stage (400)', async () => {
      const { id } = await fresh();
      const other = pipeline('Studio Memberships');
      expect((await ctx.api.post('/opportunities/upsert', upsertBody(id, { pipelineStageId: other.stages[1].id }))).status).toBe(400);
      expect((await ctx.api.post('/opportunities/upsert', upsertBody(id, { pipelineId: other.id }))).status).toBe(400);
      const moved = await ctx.api.post<{ opportunity: Opportunity }>(
        '/opportunities/upsert',
        upsertBody(id, { pipelineId: other.id, pipelineStageId: other.stages[0].id }),
      );
      expect(moved.body.opportunity).toMatchObject({ pipelineId: other.id, pipelineStageId: other.stages[0].id });
    });

    it('answers 404 for an id the location does not have, and 400 with neither an id nor a contact (nothing created)', async () => {
      const before = ctx.sb.state.sales.opportunities.size;
      const missing = await ctx.api.post<{ message: string }>('/opportunities/upsert', upsertBody('NoSuchOpportunity000'));
      expect([missing.status, missing.body.message]).toEqual([404, 'Opportunity not found']);
      const neither = await ctx.api.post<{ message: string }>('/opportunities/upsert', upsertBody(undefined, { name: 'New one' }));
      expect(neither.status).toBe(400);
      expect(neither.body.message).toMatch(/^id or contactId is required/);
      expect(ctx.sb.state.sales.opportunities.size).toBe(before);
    });

    /** The body of HighLevel's published page of 2025 and of public clients: a contact, no followers settings. */
    const byContact = (contactId: string, over: Record<string, unknown> = {}) => ({
      pipelineId: pipeline('Trainees').id,
      locationId: ctx.sb.locationId,
      contactId,
      ...over,
    });

    it("by contact and pipeline: creates the contact's opportunity (new: true), then updates that one (new: false)", async () => {
      const contactId = freeContact().id;
      const first = await ctx.api.post<{ opportunity: Opportunity; new: boolean }>(
        '/opportunities/upsert',
        byContact(contactId, { name: 'Lena Vogt: Level 1', monetaryValue: 220 }),
      );
      expect([first.status, first.body.new]).toEqual([200, true]);
      expect(first.body.opportunity).toMatchObject({
        name: 'Lena Vogt: Level 1',
        contactId,
        pipelineId: pipeline('Trainees').id,
        pipelineStageId: pipeline('Trainees').stages[0].id,
        status: 'open',
        monetaryValue: 220,
        followers: [],
      });
      expect(ctx.sb.state.sales.opportunities.get(first.body.opportunity.id)).toMatchObject({ contactId });
      const done = pipeline('Trainees').stages[2].id;
      const again = await ctx.api.post<{ opportunity: Opportunity; new: boolean }>(
        '/opportunities/upsert',
        byContact(contactId, { pipelineStageId: done, status: 'won' }),
      );
      expect([again.status, again.body.new]).toEqual([200, false]);
      expect(again.body.opportunity).toMatchObject({ id: first.body.opportunity.id, name: 'Lena Vogt: Level 1', pipelineStageId: done, status: 'won' });
      expect([...ctx.sb.state.sales.opportunities.values()].filter((o) => o.contactId === contactId)).toHaveLength(1);
    });

    it('by contact: a new opportunity needs a name, and the oldest is updated where the location allows duplicates', async () => {
      const contactId = freeContact().id;
      const before = ctx.sb.state.sales.opportunities.size;
      const nameless = await ctx.api.post<{ message: string }>('/opportunities/upsert', byContact(contactId));
      expect([nameless.status, nameless.body.message]).toEqual([400, 'name is required to create an opportunity']);
      expect(ctx.sb.state.sales.opportunities.size).toBe(before);
      ctx.sb.state.location.settings.allowDuplicateOpportunity = true;
      const older = (await ctx.api.post<{ opportunity: Opportunity }>('/opportunities/', body({ contactId, name: 'Older' }))).body.opportunity;
      ctx.sb.state.sales.opportunities.get(older.id)!.createdAt = '2026-01-01T00:00:00.000Z';
      await ctx.api.post('/opportunities/', body({ contactId, name: 'Newer' }));
      const res = await ctx.api.post<{ opportunity: Opportunity; new: boolean }>('/opportunities/upsert', byContact(contactId, { monetaryValue: 90 }));
      expect([res.body.new, res.body.opportunity.id, res.body.opportunity.name, res.body.opportunity.monetaryValue]).toEqual([false, older.id, 'Older', 90]);
    });

    it("refuses a contactId beside an id that is not the opportunity's contact (400)", async () => {
      const { id } = await fresh();
      const other = freeContact().id;
      const res = await ctx.api.post<{ message: string }>('/opportunities/upsert', upsertBody(id, { contactId: other }));
      expect([res.status, res.body.message]).toEqual([400, 'contactId is not the contact of this opportunity']);
    });

    it('needs opportunities.write (401 scope message)', async () => {
      const token = ctx.sb.issueToken({ scopes: ['opportunities.readonly'] }).access_token;
      const res = await ctx.api.post<{ message: string }>('/opportunities/upsert', upsertBody('x'), { token });
      expect([res.status, res.body.message]).toEqual([401, 'The token is not authorized for this scope.']);
    });
  });

  it('gets and deletes by id; a missing one is a 404', async () => {
    const { api, sb } = ctx;
    const one = first(sb.state.sales.opportunities);
    expect((await api.get<{ opportunity: Opportunity }>(`/opportunities/${one.id}`)).body.opportunity.id).toBe(one.id);
    expect((await api.delete(`/opportunities/${one.id}`)).body).toMatchObject({ succeded: true });
    const gone = await api.get<{ message: string }>(`/opportunities/${one.id}`);
    expect([gone.status, gone.body.message]).toEqual([404, 'Opportunity not found']);
    expect((await api.delete(`/opportunities/${one.id}`)).status).toBe(404);
  });

  it('needs the opportunity scopes (401 scope message)', async () => {
    const token = ctx.sb.issueToken({ scopes: ['contacts.readonly'] }).access_token;
    const res = await ctx.api.get<{ message: string }>('/opportunities/pipelines', { query: { locationId: ctx.sb.locationId }, token });
    expect([res.status, res.body.message]).toEqual([401, 'The token is not authorized for this scope.']);
  });
});
