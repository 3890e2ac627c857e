import type { Campaign, Form, FormSubmission, Workflow } from '../../sandbox';
import { first, useSandbox } from './helpers';

/** Workflows, campaigns, forms and submissions against docs/highlevel-api.md §6.11–§6.12, over real HTTP on loopback. */
describe('sandbox: workflows, campaigns and forms', () => {
  const ctx = useSandbox({ now: () => new Date('2026-06-15T10:00:00.000Z') });

  it('lists workflows (UUIDs, with status) and campaigns (filterable by status)', async () => {
    const { api, sb } = ctx;
    const workflows = await api.get<{ workflows: Workflow[] }>('/workflows/', { query: { locationId: sb.locationId } });
    expect(workflows.body.workflows.map((w) => [w.name, w.status])).toEqual([
      ['New Lead Nurture', 'published'],
      ['Trainee Onboarding', 'published'],
      ['Win-back Lapsed Members', 'draft'],
    ]);
    expect(workflows.body.workflows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    const drafts = await api.get<{ campaigns: Campaign[] }>('/campaigns/', { query: { locationId: sb.locationId, status: 'draft' } });
    expect(drafts.body.campaigns.map((c) => c.name)).toEqual(['Spring Promo 2026']);
    expect((await api.get('/workflows/')).status).toBe(422);
    expect((await api.get('/campaigns/', { query: { locationId: 'SomeOtherLocation000' } })).status).toBe(403);
  });

  it('adds a contact to a workflow (optional eventStartTime) and removes it; removing again answers succeded false', async () => {
    const { api, sb } = ctx;
    const contact = first(sb.state.contacts);
    const workflow = first(sb.state.automation.workflows);
    const path = `/contacts/${contact.id}/workflow/${workflow.id}`;
    const added = await api.post(path, { eventStartTime: '2026-06-16T09:00:00+02:00' });
    expect([added.status, added.body]).toEqual([200, { succeded: true, traceId: expect.any(String) }]);
    expect(sb.state.automation.workflowMembers.get(`${contact.id}:${workflow.id}`)).toMatchObject({ eventStartTime: '2026-06-16T09:00:00+02:00' });
    expect((await api.post(path, {})).status).toBe(200);
    expect((await api.post(path, { eventStartTime: 'tomorrow' })).status).toBe(422);
    expect((await api.post(path, { startAt: '2026-06-16' })).status).toBe(422);
    expect((await api.delete(path, {})).body).toMatchObject({ succeded: true });
    expect((await api.delete(path, {})).body).toMatchObject({ succeded: false });
    expect((await api.post(`/contacts/${contact.id}/workflow/00000000-0000-4000-a000-000000000000`, {})).status).toBe(404);
    expect((await api.post(`/contacts/NoSuchContact0000000/workflow/${workflow.id}`, {})).status).toBe(404);
  });

  it('adds a contact to a campaign (201), removes it, and removes it from every campaign', async () => {
    const { api, sb } = ctx;
    const contact = first(sb.state.contacts);
    const [one, two] = [...sb.state.automation.campaigns.values()];
    expect((await api.post(`/contacts/${contact.id}/campaigns/${one.id}`, {})).status).toBe(201);
    expect((await api.post(`/contacts/${contact.id}/campaigns/${two.id}`, {})).status).toBe(201);
    expect((await api.post(`/contacts/${contact.id}/campaigns/${one.id}`, { note: 'x' })).status).toBe(422);
    expect((await api.delete(`/contacts/${contact.id}/campaigns/${one.id}`)).body).toMatchObject({ succeded: true });
    expect((await api.delete(`/contacts/${contact.id}/campaigns/removeAll`)).body).toMatchObject({ succeded: true });
    expect(sb.state.automation.campaignMembers.size).toBe(0);
    expect((await api.delete(`/contacts/${contact.id}/campaigns/NoSuchCampaign000000`)).status).toBe(404);
  });

  it('lists forms with offset paging (limit at most 50)', async () => {
    const { api, sb } = ctx;
    const res = await api.get<{ forms: Form[]; total: number }>('/forms/', { query: { locationId: sb.locationId, limit: 1 } });
    expect([res.body.forms.length, res.body.total]).toEqual([1, 2]);
    expect((await api.get('/forms/', { query: { locationId: sb.locationId, limit: 51 } })).status).toBe(422);
  });

  it('lists submissions of the last month by default, oldest first, by form, by day window and by contact', async () => {
    const { api, sb } = ctx;
    type Answer = { submissions: FormSubmission[]; meta: { total: number; nextPage: number | null } };
    const all = await api.get<Answer>('/forms/submissions', { query: { locationId: sb.locationId } });
    expect(all.body.meta.total).toBe(4);
    const times = all.body.submissions.map((s) => s.createdAt);
    expect(times).toEqual([...times].sort());
    expect(all.body.submissions[0].others).toMatchObject({ eventData: expect.any(Object), fieldsOriSequance: expect.any(Array) });
    const form = first(sb.state.automation.forms);
    const byForm = await api.get<Answer>('/forms/submissions', { query: { locationId: sb.locationId, formId: form.id } });
    expect(byForm.body.submissions.every((s) => s.formId === form.id)).toBe(true);
    const fresh = sb.submitForm({ formId: form.id, contactId: first(sb.state.contacts).id, answers: { message: 'Hello' } });
    const today = await api.get<Answer>('/forms/submissions', { query: { locationId: sb.locationId, startAt: '2026-06-15', endAt: '2026-06-15' } });
    expect(today.body.submissions.map((s) => s.id)).toEqual([fresh.id]);
    const paged = await api.get<Answer>('/forms/submissions', { query: { locationId: sb.locationId, limit: 2 } });
    expect(paged.body.meta).toMatchObject({ total: 5, nextPage: 2 });
    const byContact = await api.get<Answer>('/forms/submissions', { query: { locationId: sb.locationId, q: fresh.contactId } });
    expect(byContact.body.submissions.map((s) => s.contactId).every((id) => id === fresh.contactId)).toBe(true);
    expect((await api.get('/forms/submissions', { query: { locationId: sb.locationId, startAt: '06/15/2026' } })).status).toBe(422);
    expect((await api.get('/forms/submissions', { query: { locationId: sb.locationId, limit: 101 } })).status).toBe(422);
  });
});
