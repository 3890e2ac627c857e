import type { Business, CustomField, User } from '../../sandbox';
import { first, useSandbox } from './helpers';

const DATA_TYPES = [
  'TEXT',
  'LARGE_TEXT',
  'NUMERICAL',
  'PHONE',
  'MONETORY',
  'CHECKBOX',
  'SINGLE_OPTIONS',
  'MULTIPLE_OPTIONS',
  'DATE',
  'TEXTBOX_LIST',
  'FILE_UPLOAD',
  'RADIO',
  'EMAIL',
];

describe('sandbox locations, custom fields, users, businesses', () => {
  const ctx = useSandbox();

  test('GET /locations/:id → {location} with name, timezone, settings.allowDuplicateContact (§6.9)', async () => {
    const res = await ctx.api.get<{ location: Record<string, unknown> }>(`/locations/${ctx.sb.locationId}`);
    expect(res.status).toBe(200);
    expect(res.body.location).toMatchObject({
      id: ctx.sb.locationId,
      companyId: ctx.sb.companyId,
      name: 'Pilates Studio Berlin',
      timezone: 'Europe/Berlin',
      settings: { allowDuplicateContact: false },
    });
  });

  test('custom fields: one of every §6.6 dataType, picklists, fieldKey, model filter', async () => {
    const path = `/locations/${ctx.sb.locationId}/customFields`;
    const res = await ctx.api.get<{ customFields: CustomField[] }>(path, { query: { model: 'contact' } });
    expect(res.status).toBe(200);
    const fields = res.body.customFields;
    expect(new Set(fields.map((f) => f.dataType))).toEqual(new Set(DATA_TYPES));
    expect(fields.every((f) => f.model === 'contact' && f.fieldKey.startsWith('contact.'))).toBe(true);
    const size = fields.find((f) => f.fieldKey === 'contact.t_shirt_size');
    expect(size).toMatchObject({ dataType: 'SINGLE_OPTIONS', picklistOptions: ['XS', 'S', 'M', 'L', 'XL'], locationId: ctx.sb.locationId });
    for (const type of ['CHECKBOX', 'MULTIPLE_OPTIONS', 'RADIO']) {
      expect(fields.find((f) => f.dataType === type)?.picklistOptions.length).toBeGreaterThan(0);
    }
    const all = await ctx.api.get<{ customFields: CustomField[] }>(path, { query: { model: 'all' } });
    expect(all.body.customFields.length).toBe(fields.length + 1);
    const one = await ctx.api.get<{ customField: CustomField }>(`${path}/${size?.id}`);
    expect(one.body.customField.id).toBe(size?.id);
    expect((await ctx.api.get(path, { query: { model: 'deal' } })).status).toBe(422);
  });

  test('users: GET /users/ {users}; /users/search {users, count} with skip/limit/query; /users/:id unwrapped', async () => {
    const list = await ctx.api.get<{ users: User[] }>('/users/', { query: { locationId: ctx.sb.locationId } });
    expect(list.body.users).toHaveLength(5);
    const search = await ctx.api.get<{ users: User[]; count: number }>('/users/search', {
      query: { companyId: ctx.sb.companyId, locationId: ctx.sb.locationId, limit: 2, skip: 1 },
    });
    expect(search.body.count).toBe(5);
    expect(search.body.users).toHaveLength(2);
    const byName = await ctx.api.get<{ users: User[]; count: number }>('/users/search', {
      query: { companyId: ctx.sb.companyId, query: 'vogel' },
    });
    expect(byName.body.users.map((u) => u.lastName)).toEqual(['Vogel']);
    expect((await ctx.api.get('/users/search', { query: { locationId: ctx.sb.locationId } })).status).toBe(422);
    const one = await ctx.api.get<User & { traceId?: string }>(`/users/${ctx.sb.userId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ctx.sb.userId, name: 'Katharina Vogel', email: expect.stringContaining('@') });
    expect(one.body.traceId).toBeUndefined();
  });

  test('businesses: {businesses} with limit/skip; {business}', async () => {
    const list = await ctx.api.get<{ businesses: Business[] }>('/businesses/', { query: { locationId: ctx.sb.locationId } });
    expect(list.body.businesses).toHaveLength(10);
    expect(list.body.businesses[0]?.id).toMatch(/^[0-9a-f]{24}$/);
    const page = await ctx.api.get<{ businesses: Business[] }>('/businesses/', {
      query: { locationId: ctx.sb.locationId, limit: 3, skip: 8 },
    });
    expect(page.body.businesses).toHaveLength(2);
    const b = first(ctx.sb.state.businesses);
    const one = await ctx.api.get<{ business: Business }>(`/businesses/${b.id}`);
    expect(one.body.business).toMatchObject({ id: b.id, name: b.name, locationId: ctx.sb.locationId, updatedAt: expect.any(String) });
  });
});
