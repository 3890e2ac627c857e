import type { Contact } from '../../sandbox';
import { first, useSandbox } from './helpers';

type ContactBody = Record<string, unknown> & { id: string; dateUpdated: string; tags: string[] };

describe('sandbox contacts (§6.1, §11)', () => {
  let clockMs = Date.parse('2026-03-02T10:00:00.000Z');
  const ctx = useSandbox({ now: () => new Date(clockMs) });

  const create = (body: Record<string, unknown>) =>
    ctx.api.post<Record<string, unknown> & { contact: ContactBody }>('/contacts/', { locationId: ctx.sb.locationId, ...body });

  test('create → 201 {contact} with derived lower-case fields, E.164 phone, ISO ms timestamps', async () => {
    const res = await create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada.Lovelace@Example.com',
      phone: '030 1234567',
      tags: ['VIP', 'brand new tag'],
      source: 'zapier',
    });
    expect(res.status).toBe(201);
    const c = res.body.contact;
    expect(c).toMatchObject({
      locationId: ctx.sb.locationId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      firstNameLowerCase: 'ada',
      lastNameLowerCase: 'lovelace',
      fullNameLowerCase: 'ada lovelace',
      email: 'Ada.Lovelace@Example.com',
      emailLowerCase: 'ada.lovelace@example.com',
      phone: '+49301234567',
      tags: ['vip', 'brand new tag'],
      source: 'zapier',
      dnd: false,
    });
    expect(c.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(c.dateAdded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(ctx.sb.state.contacts.get(c.id)).toBeDefined();
    // docs/highlevel-api.md §6.4: unknown tag names join the location's tag list.
    expect([...ctx.sb.state.tags.values()].some((t) => t.name === 'brand new tag')).toBe(true);
  });

  test('422 lists unknown properties and invalid values as an array', async () => {
    const res = await create({ firstName: 'X', additionalEmails: ['a@b.c'], dnd: 'yes', email: 'not-an-email' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(res.body.message).toEqual(
      expect.arrayContaining(['property additionalEmails should not exist', 'dnd must be a boolean value', 'email must be an email']),
    );
    const noLocation = await ctx.api.post('/contacts/', { firstName: 'X' });
    expect(noLocation.status).toBe(422);
    expect(noLocation.body.message).toEqual(['locationId should not be empty', 'locationId must be a string']);
  });

  test('duplicate email or phone → 400 with meta.contactId and matchingField (§11.4)', async () => {
    const existing = [...ctx.sb.state.contacts.values()].find((c) => c.email && c.phone) as Contact;
    const byEmail = await create({ email: existing.email?.toUpperCase() });
    expect(byEmail.status).toBe(400);
    expect(byEmail.body).toMatchObject({
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      meta: { contactId: existing.id, matchingField: 'email' },
    });
    const byPhone = await create({ phone: existing.phone, email: 'fresh@example.com' });
    expect(byPhone.status).toBe(400);
    expect(byPhone.body).toMatchObject({ meta: { contactId: existing.id, matchingField: 'phone' } });
  });

  test('GET → {contact}; unknown id → 404', async () => {
    const c = first(ctx.sb.state.contacts);
    const res = await ctx.api.get<Record<string, unknown> & { contact: ContactBody }>(`/contacts/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ id: c.id, firstName: c.firstName, dateAdded: c.dateAdded });
    expect(res.body.traceId).toEqual(expect.any(String));
    const missing = await ctx.api.get('/contacts/AAAAAAAAAAAAAAAAAAAA');
    expect(missing.status).toBe(404);
  });

  test('PUT → {succeded: true, contact}; bumps dateUpdated; tags replace the list (§11.6)', async () => {
    const created = (await create({ firstName: 'Bo', tags: ['a', 'b'] })).body.contact;
    clockMs += 5000;
    const res = await ctx.api.put<{ succeded: boolean; contact: ContactBody }>(`/contacts/${created.id}`, {
      lastName: 'Diddley',
      tags: ['c'],
    });
    expect(res.status).toBe(200);
    expect(res.body.succeded).toBe(true);
    expect(res.body.contact).toMatchObject({ firstName: 'Bo', lastName: 'Diddley', fullNameLowerCase: 'bo diddley', tags: ['c'] });
    expect(res.body.contact.dateUpdated).toBe(new Date(clockMs).toISOString());
    expect(res.body.contact.dateUpdated > created.dateUpdated).toBe(true);
  });

  test('PUT rejects locationId, gender and companyName (§11.2)', async () => {
    const c = first(ctx.sb.state.contacts);
    const res = await ctx.api.put(`/contacts/${c.id}`, { locationId: ctx.sb.locationId, gender: 'female', companyName: 'X' });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['property locationId should not exist', 'property gender should not exist', 'property companyName should not exist']);
  });

  test('DELETE → {succeded: true}', async () => {
    const c = first(ctx.sb.state.contacts);
    const res = await ctx.api.delete(`/contacts/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeded: true });
    expect(ctx.sb.state.contacts.has(c.id)).toBe(false);
    expect((await ctx.api.get(`/contacts/${c.id}`)).status).toBe(404);
  });

  test('customFields written as [{id|key, field_value}] are returned as [{id, value}]', async () => {
    const fields = [...ctx.sb.state.customFields.values()];
    const size = fields.find((f) => f.fieldKey === 'contact.t_shirt_size');
    const count = fields.find((f) => f.fieldKey === 'contact.classes_attended');
    const interests = fields.find((f) => f.dataType === 'CHECKBOX');
    const res = await create({
      firstName: 'Cf',
      customFields: [
        { id: size?.id, field_value: 'M' },
        { key: 'classes_attended', field_value: '12' },
        { key: 'contact.interests', field_value: ['Mat', 'Barre'] },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.contact.customFields).toEqual([
      { id: size?.id, value: 'M' },
      { id: count?.id, value: 12 },
      { id: interests?.id, value: ['Mat', 'Barre'] },
    ]);
    const cleared = await ctx.api.put<{ contact: ContactBody }>(`/contacts/${res.body.contact.id}`, {
      customFields: [{ id: size?.id, field_value: '' }],
    });
    expect(cleared.body.contact.customFields).toEqual([
      { id: count?.id, value: 12 },
      { id: interests?.id, value: ['Mat', 'Barre'] },
    ]);
    const wrongShape = await create({ customFields: [{ id: size?.id, value: 'M' }] });
    expect(wrongShape.status).toBe(422);
    expect(wrongShape.body.message).toEqual(['customFields.0.property value should not exist']);
  });

  test('upsert: {new, contact, traceId}; matches by email then phone; quirks of §11.5', async () => {
    const created = await ctx.api.post<{ new: boolean; contact: ContactBody; traceId: string }>('/contacts/upsert', {
      locationId: ctx.sb.locationId,
      email: 'up@example.com',
      firstName: 'Up',
      gender: 'female',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ new: true, contact: { email: 'up@example.com', gender: 'female' } });
    expect(created.body.traceId).toEqual(expect.any(String));

    const updated = await ctx.api.post<{ new: boolean; contact: ContactBody }>('/contacts/upsert', {
      locationId: ctx.sb.locationId,
      email: 'UP@example.com',
      lastName: 'Date',
      gender: 'male',
    });
    expect(updated.body).toMatchObject({ new: false, contact: { id: created.body.contact.id, lastName: 'Date', gender: 'female' } });

    // email matches A, phone matches B → A is updated, the phone is ignored.
    const other = [...ctx.sb.state.contacts.values()].find((c) => c.phone && c.id !== created.body.contact.id) as Contact;
    const split = await ctx.api.post<{ new: boolean; contact: ContactBody }>('/contacts/upsert', {
      locationId: ctx.sb.locationId,
      email: 'up@example.com',
      phone: other.phone,
    });
    expect(split.body.new).toBe(false);
    expect(split.body.contact.id).toBe(created.body.contact.id);
    expect(split.body.contact.phone).toBeUndefined();

    const neither = await ctx.api.post('/contacts/upsert', { locationId: ctx.sb.locationId, firstName: 'Nobody' });
    expect(neither.status).toBe(422);
  });

  test('duplicate lookup: `number` and `email` query params, {contact | null}', async () => {
    const c = [...ctx.sb.state.contacts.values()].find((x) => x.email && x.phone) as Contact;
    const byNumber = await ctx.api.get<{ contact: ContactBody | null }>(
      `/contacts/search/duplicate?locationId=${ctx.sb.locationId}&number=${encodeURIComponent(c.phone ?? '')}`,
    );
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.contact?.id).toBe(c.id);
    const byEmail = await ctx.api.get<{ contact: ContactBody | null }>('/contacts/search/duplicate', {
      query: { locationId: ctx.sb.locationId, email: c.email?.toUpperCase() },
    });
    expect(byEmail.body.contact?.id).toBe(c.id);
    const none = await ctx.api.get('/contacts/search/duplicate', { query: { locationId: ctx.sb.locationId, email: 'no@where.io' } });
    expect(none.body.contact).toBeNull();
    const phoneParam = await ctx.api.get('/contacts/search/duplicate', { query: { locationId: ctx.sb.locationId, phone: '+1' } });
    expect(phoneParam.status).toBe(422);
    expect(phoneParam.body.message).toEqual(['property phone should not exist']);
  });

  test('allowDuplicateContact lets the same email be created twice', async () => {
    ctx.sb.state.location.settings.allowDuplicateContact = true;
    expect((await create({ email: 'twice@example.com' })).status).toBe(201);
    expect((await create({ email: 'twice@example.com' })).status).toBe(201);
  });

  test('contacts of a business: {contacts, count} with limit/skip', async () => {
    const business = first(ctx.sb.state.businesses);
    const linked = [...ctx.sb.state.contacts.values()].slice(0, 3);
    for (const c of linked) c.businessId = business.id;
    const all = await ctx.api.get<{ contacts: ContactBody[]; count: number }>(`/contacts/business/${business.id}`, {
      query: { locationId: ctx.sb.locationId },
    });
    expect(all.status).toBe(200);
    expect(all.body.count).toBeGreaterThanOrEqual(3);
    const page = await ctx.api.get<{ contacts: ContactBody[]; count: number }>(`/contacts/business/${business.id}`, {
      query: { locationId: ctx.sb.locationId, limit: 1, skip: 1 },
    });
    expect(page.body.contacts).toHaveLength(1);
    expect(page.body.count).toBe(all.body.count);
  });

  test('deprecated GET /contacts/ pages with meta.startAfter/startAfterId', async () => {
    type Page = { contacts: ContactBody[]; meta: { total: number; startAfter?: number; startAfterId?: string } };
    const p1 = await ctx.api.get<Page>('/contacts/', { query: { locationId: ctx.sb.locationId, limit: 30 } });
    expect(p1.body.contacts).toHaveLength(30);
    expect(p1.body.meta.total).toBe(40);
    const p2 = await ctx.api.get<Page>('/contacts/', {
      query: { locationId: ctx.sb.locationId, limit: 30, startAfter: p1.body.meta.startAfter, startAfterId: p1.body.meta.startAfterId },
    });
    expect(p2.body.contacts).toHaveLength(10);
    const ids = new Set([...p1.body.contacts, ...p2.body.contacts].map((c) => c.id));
    expect(ids.size).toBe(40);
    expect((await ctx.api.get('/contacts/', { query: { locationId: ctx.sb.locationId, limit: 101 } })).status).toBe(422);
  });
});
