import { first, useSandbox } from './helpers';

type Task = { id: string; title: string; body?: string; dueDate: string; completed: boolean; contactId: string; assignedTo?: string };
type Note = { id: string; body: string; dateAdded: string; contactId: string; userId?: string };

describe('sandbox tasks (§6.2)', () => {
  const ctx = useSandbox();
  const contactId = (): string => first(ctx.sb.state.contacts).id;

  test('create → 201 {task}; get, list, update, completed, delete', async () => {
    const base = `/contacts/${contactId()}/tasks`;
    const created = await ctx.api.post<{ task: Task }>(base, {
      title: 'Call back',
      body: 'About the reformer package',
      dueDate: '2026-03-01T17:00:00Z',
      completed: false,
      assignedTo: ctx.sb.userId,
    });
    expect(created.status).toBe(201);
    expect(created.body.task).toEqual({
      id: expect.any(String),
      title: 'Call back',
      body: 'About the reformer package',
      assignedTo: ctx.sb.userId,
      dueDate: '2026-03-01T17:00:00.000Z',
      completed: false,
      contactId: contactId(),
    });
    expect(created.body.task).not.toHaveProperty('dateAdded');
    const id = created.body.task.id;
    expect((await ctx.api.get<{ task: Task }>(`${base}/${id}`)).body.task.title).toBe('Call back');
    const list = await ctx.api.get<{ tasks: Task[] }>(base);
    expect(list.body.tasks.map((t) => t.id)).toContain(id);
    const updated = await ctx.api.put<{ task: Task }>(`${base}/${id}`, { title: 'Call back today' });
    expect(updated.status).toBe(200);
    expect(updated.body.task.title).toBe('Call back today');
    const done = await ctx.api.put<{ task: Task }>(`${base}/${id}/completed`, { completed: true });
    expect(done.body.task.completed).toBe(true);
    const deleted = await ctx.api.delete(`${base}/${id}`);
    expect(deleted.body).toMatchObject({ succeded: true });
    expect((await ctx.api.get(`${base}/${id}`)).status).toBe(404);
  });

  test('422: title, dueDate and completed required (§11.8); locationId rejected (§11.2)', async () => {
    const base = `/contacts/${contactId()}/tasks`;
    const missing = await ctx.api.post(base, {});
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual([
      'title should not be empty',
      'title must be a string',
      'dueDate must be a valid ISO 8601 date string',
      'completed must be a boolean value',
    ]);
    const extra = await ctx.api.post(base, {
      title: 't',
      dueDate: '2026-03-01T17:00:00Z',
      completed: false,
      locationId: ctx.sb.locationId,
    });
    expect(extra.body).toMatchObject({ statusCode: 422, message: ['property locationId should not exist'], error: 'Unprocessable Entity' });
    const badDate = await ctx.api.post(base, { title: 't', dueDate: 'tomorrow', completed: false });
    expect(badDate.body.message).toEqual(['dueDate must be a valid ISO 8601 date string']);
    const noCompleted = await ctx.api.put(`${base}/${first(ctx.sb.state.tasks).id}/completed`, {});
    expect(noCompleted.status).toBe(422);
  });

  test('location task search: contactId[], completed, assignedTo[], query, limit/skip → {tasks}', async () => {
    const tasks = [...ctx.sb.state.tasks.values()];
    const path = `/locations/${ctx.sb.locationId}/tasks/search`;
    const allRes = await ctx.api.post<{ tasks: (Task & { dateAdded: string })[] }>(path, { limit: 100 });
    expect(allRes.status).toBe(200);
    expect(allRes.body.tasks).toHaveLength(tasks.length);
    const open = await ctx.api.post<{ tasks: Task[] }>(path, { completed: false, limit: 100 });
    expect(open.body.tasks.every((t) => !t.completed)).toBe(true);
    expect(open.body.tasks).toHaveLength(tasks.filter((t) => !t.completed).length);
    const one = tasks[0];
    const byContact = await ctx.api.post<{ tasks: Task[] }>(path, { contactId: [one?.contactId] });
    expect(byContact.body.tasks.every((t) => t.contactId === one?.contactId)).toBe(true);
    const byUser = await ctx.api.post<{ tasks: Task[] }>(path, { assignedTo: [one?.assignedTo], limit: 100 });
    expect(byUser.body.tasks.every((t) => t.assignedTo === one?.assignedTo)).toBe(true);
    const paged = await ctx.api.post<{ tasks: Task[] }>(path, { limit: 2, skip: 1 });
    expect(paged.body.tasks.map((t) => t.id)).toEqual(allRes.body.tasks.slice(1, 3).map((t) => t.id));
    const q = await ctx.api.post<{ tasks: Task[] }>(path, { query: 'schedule', limit: 100 });
    expect(q.body.tasks.every((t) => /schedule/i.test(`${t.title} ${t.body ?? ''}`))).toBe(true);
    const bad = await ctx.api.post(path, { locationId: ctx.sb.locationId });
    expect(bad.status).toBe(422);
  });
});

describe('sandbox notes (§6.3)', () => {
  const ctx = useSandbox();

  test('create → 201 {note} with dateAdded; list, get, update, delete', async () => {
    const base = `/contacts/${first(ctx.sb.state.contacts).id}/notes`;
    const created = await ctx.api.post<{ note: Note }>(base, { body: 'Knee injury in 2024', userId: ctx.sb.userId });
    expect(created.status).toBe(201);
    expect(created.body.note).toMatchObject({ body: 'Knee injury in 2024', userId: ctx.sb.userId });
    expect(created.body.note.dateAdded).toMatch(/\.\d{3}Z$/);
    expect(created.body.note).not.toHaveProperty('dateUpdated');
    const id = created.body.note.id;
    expect((await ctx.api.get<{ notes: Note[] }>(base)).body.notes.map((n) => n.id)).toContain(id);
    expect((await ctx.api.get<{ note: Note }>(`${base}/${id}`)).body.note.id).toBe(id);
    expect((await ctx.api.put<{ note: Note }>(`${base}/${id}`, { body: 'Healed' })).body.note.body).toBe('Healed');
    expect((await ctx.api.delete(`${base}/${id}`)).body).toMatchObject({ succeded: true });
  });

  test('422 without body and with locationId', async () => {
    const base = `/contacts/${first(ctx.sb.state.contacts).id}/notes`;
    const res = await ctx.api.post(base, { locationId: ctx.sb.locationId });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['property locationId should not exist', 'body should not be empty', 'body must be a string']);
  });
});

describe('sandbox tags (§6.4)', () => {
  const ctx = useSandbox();

  test('add → 201 {tags}; remove with a JSON body on DELETE → {tags}; both bump dateUpdated', async () => {
    const contact = first(ctx.sb.state.contacts);
    contact.tags = ['vip'];
    contact.dateUpdated = '2020-01-01T00:00:00.000Z';
    const added = await ctx.api.post<{ tags: string[] }>(`/contacts/${contact.id}/tags`, { tags: ['Reformer', 'totally-new'] });
    expect(added.status).toBe(201);
    expect(added.body.tags).toEqual(['vip', 'reformer', 'totally-new']);
    expect(contact.dateUpdated > '2020-01-01T00:00:00.000Z').toBe(true);
    expect([...ctx.sb.state.tags.values()].some((t) => t.name === 'totally-new')).toBe(true);
    contact.dateUpdated = '2020-01-01T00:00:00.000Z';
    const removed = await ctx.api.delete<{ tags: string[] }>(`/contacts/${contact.id}/tags`, { tags: ['vip'] });
    expect(removed.status).toBe(200);
    expect(removed.body.tags).toEqual(['reformer', 'totally-new']);
    expect(contact.dateUpdated > '2020-01-01T00:00:00.000Z').toBe(true);
  });

  test('422 for a missing tags array or locationId in the body', async () => {
    const contact = first(ctx.sb.state.contacts);
    expect((await ctx.api.post(`/contacts/${contact.id}/tags`, {})).body.message).toEqual(['tags must be an array']);
    const extra = await ctx.api.post(`/contacts/${contact.id}/tags`, { tags: ['x'], locationId: ctx.sb.locationId });
    expect(extra.body.message).toEqual(['property locationId should not exist']);
  });

  test('location tags: list, create, get, update, delete', async () => {
    const base = `/locations/${ctx.sb.locationId}/tags`;
    const list = await ctx.api.get<{ tags: { id: string; name: string; locationId: string }[] }>(base);
    expect(list.body.tags.length).toBeGreaterThanOrEqual(15);
    expect(list.body.tags[0]).toEqual({ id: expect.any(String), name: expect.any(String), locationId: ctx.sb.locationId });
    const created = await ctx.api.post<{ tag: { id: string; name: string } }>(base, { name: 'Summer Promo' });
    expect(created.status).toBe(200);
    expect(created.body.tag.name).toBe('summer promo');
    expect((await ctx.api.post(base, { name: 'summer promo' })).status).toBe(400);
    const id = created.body.tag.id;
    expect((await ctx.api.get(`${base}/${id}`)).body).toMatchObject({ tag: { id } });
    expect((await ctx.api.put(`${base}/${id}`, { name: 'autumn promo' })).body).toMatchObject({ tag: { name: 'autumn promo' } });
    expect((await ctx.api.delete(`${base}/${id}`)).body).toMatchObject({ succeded: true });
  });
});
