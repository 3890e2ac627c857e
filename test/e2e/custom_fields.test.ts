import { VARIETY_SEEDS } from '../../sandbox';
import { contactCustomFieldInputs } from '../../lib/custom_field/fields';
import { ZapierRuntime } from '../../scripts/zap/runtime';
import { connect, disconnect, type Connected } from './helpers';

/** Custom fields in and out against the sandbox, which stores them as HighLevel does. */
describe.each(VARIETY_SEEDS)('end to end: custom fields (seed %i)', (seed) => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ seed });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  const fieldId = (dataType: string) => {
    const field = [...c.sandbox.state.customFields.values()].find((f) => f.dataType === dataType);
    if (!field) throw new Error(`no ${dataType} field seeded`);
    return field;
  };

  it('offers one typed input per writable custom field of the location', async () => {
    const inputs = await c.runtime.run<Awaited<ReturnType<typeof contactCustomFieldInputs>>>(contactCustomFieldInputs);
    const writable = [...c.sandbox.state.customFields.values()].filter((f) => f.model === 'contact' && f.dataType !== 'FILE_UPLOAD');
    expect(inputs.map((i) => i.label).sort()).toEqual(writable.map((f) => f.name).sort());
  });

  it('an update changes only the custom fields given, and the output names them readably', async () => {
    const contactId = [...c.sandbox.state.contacts.keys()][1];
    const text = fieldId('TEXT');
    const number = fieldId('NUMERICAL');
    const multi = fieldId('MULTIPLE_OPTIONS');
    const options = multi.picklistOptions ?? [];
    await c.runtime.create('contact_update', {
      contactId,
      [`cf_${text.id}`]: 'First value',
      [`cf_${number.id}`]: '3',
      [`cf_${multi.id}`]: options.slice(0, 2),
    });
    const result = await c.runtime.create<Record<string, unknown>>('contact_update', { contactId, [`cf_${text.id}`]: 'Second value' });
    const stored = c.sandbox.state.contacts.get(contactId)?.customFields ?? [];
    const value = (id: string) => stored.find((v) => v.id === id)?.value;
    expect([value(text.id), value(number.id), value(multi.id)]).toEqual(['Second value', 3, options.slice(0, 2)]);
    const readable = result.custom as Record<string, unknown>;
    expect(Object.values(readable)).toEqual(expect.arrayContaining(['Second value', 3]));
    expect(Object.keys(readable).every((k) => /^[a-z0-9_]+$/.test(k))).toBe(true);
  });
});

describe.each(VARIETY_SEEDS)('end to end: custom values on trigger items (seed %i)', (seed) => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ seed });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it("carries readable custom values, reusing the connection's cached field list, so each poll stays one request", async () => {
    const text = [...c.sandbox.state.customFields.values()].find((f) => f.dataType === 'TEXT');
    await c.runtime.create('contact_create', { email: 'cf-poll@example.com', [`cf_${text?.id}`]: 'Morning classes' });
    // The next poll comes minutes later, when contact search has caught up with the write (docs/highlevel-api.md §14.10).
    c.sandbox.catchUpSearch();
    c.sandbox.clearRequests();
    // Through the runtime's operations, which share the connection's z.cache as Zapier's invocations do.
    const first = await c.runtime.trigger<{ email: string; custom?: Record<string, unknown> }>('contact_new', {}, { limit: 100 });
    const second = await c.runtime.trigger('contact_new', {}, { limit: 100 });
    const mine = first.find((item) => item.email === 'cf-poll@example.com');
    expect(Object.values(mine?.custom ?? {})).toContain('Morning classes');
    expect(second.length).toBe(first.length);
    const fieldListCalls = c.sandbox.requests.filter((r) => r.path.endsWith('/customFields'));
    const searches = c.sandbox.requests.filter((r) => r.path === '/contacts/search');
    expect([fieldListCalls.length, searches.length]).toEqual([0, 2]);
  });
});

describe('end to end: one custom-field list per connection (issue 11)', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect();
  });
  afterAll(async () => {
    await disconnect(c);
  });

  const textField = () => {
    const field = [...c.sandbox.state.customFields.values()].find((f) => f.model === 'contact' && f.dataType === 'TEXT');
    if (!field) throw new Error('no TEXT field seeded');
    return field;
  };
  const listReads = () => c.sandbox.requests.filter((r) => r.path.endsWith('/customFields')).length;
  /** Another connection's runtime on the same sandbox: its own z.cache, so its list starts cold. */
  const freshConnection = () => new ZapierRuntime({ ...c.runtime.authData });

  it('actions, searches and triggers of a connection share one read of the list', async () => {
    const text = textField();
    c.sandbox.clearRequests();
    const created = await c.runtime.create<{ id: string }>('contact_create', { email: 'cf-shared@example.com', [`cf_${text.id}`]: 'Shared' });
    expect(listReads()).toBe(1);
    c.sandbox.catchUpSearch();
    const found = await c.runtime.search<{ custom?: Record<string, unknown> }>('contact_find_by_id', { contactId: created.id });
    const byEmail = await c.runtime.search<{ custom?: Record<string, unknown> }>('contact_find', { email: 'cf-shared@example.com' });
    const updated = await c.runtime.create<{ custom?: Record<string, unknown> }>('contact_update', { contactId: created.id, city: 'Köln' });
    const upserted = await c.runtime.create<{ custom?: Record<string, unknown> }>('contact_upsert', {
      email: 'cf-shared@example.com',
      [`cf_${text.id}`]: 'Again',
    });
    await c.runtime.trigger('contact_new', {}, { limit: 100 });
    expect(listReads()).toBe(1);
    expect([found[0].custom, byEmail[0].custom, updated.custom].map((custom) => Object.values(custom ?? {}))).toEqual([['Shared'], ['Shared'], ['Shared']]);
    expect(Object.values(upserted.custom ?? {})).toEqual(['Again']);
  });

  it('reads the list beside the request whose answer needs it, not after it', async () => {
    const contactId = [...c.sandbox.state.contacts.keys()][2];
    const runtime = freshConnection();
    // The contact read is held back: a list read that waited for its answer would arrive after the hold.
    const HOLD_MS = 2000;
    c.sandbox.faults.latency(HOLD_MS, { path: `/contacts/${contactId}`, method: 'GET' });
    c.sandbox.clearRequests();
    await runtime.search('contact_find_by_id', { contactId });
    const contactRead = c.sandbox.requests.find((r) => r.path === `/contacts/${contactId}`);
    const listRead = c.sandbox.requests.find((r) => r.path.endsWith('/customFields'));
    expect(contactRead && listRead).toBeTruthy();
    expect((listRead?.at ?? Infinity) - (contactRead?.at ?? 0)).toBeLessThan(HOLD_MS);
  });

  it('tries a failed list read once more, and when that fails too the output says the readable values are missing', async () => {
    const text = textField();
    const made = await c.runtime.create<{ id: string }>('contact_create', { email: 'cf-retry@example.com', [`cf_${text.id}`]: 'Kept' });
    c.sandbox.faults.serverError(503, { path: '/customFields', count: 1 });
    c.sandbox.clearRequests();
    const once = await freshConnection().search<Record<string, unknown>>('contact_find_by_id', { contactId: made.id });
    expect(listReads()).toBe(2);
    expect(once[0]).toMatchObject({ custom: { [Object.keys(once[0].custom as object)[0]]: 'Kept' } });
    expect(once[0].customFieldsUnreadable).toBeUndefined();

    c.sandbox.faults.serverError(503, { path: '/customFields', count: 2 });
    const twice = await freshConnection().search<Record<string, unknown>>('contact_find_by_id', { contactId: made.id });
    expect(twice[0].custom).toBeUndefined();
    expect(twice[0].customFieldsUnreadable).toMatch(/could not be read \(tried twice\)/);
    expect(twice[0].customFields).toEqual([expect.objectContaining({ id: text.id, value: 'Kept' })]);
  });

  it('reads the list again when the shared copy lacks a field that a write names or a value carries', async () => {
    const text = textField();
    await c.runtime.search('contact_find', { email: 'cf-shared@example.com' }); // the shared copy is there
    const later = { ...text, id: 'cfLater0000000000001', name: 'Joined Later', fieldKey: 'contact.joined_later' };
    c.sandbox.state.customFields.set(later.id, later);
    c.sandbox.clearRequests();
    const result = await c.runtime.create<{ id: string; custom?: Record<string, unknown> }>('contact_upsert', {
      email: 'cf-later@example.com',
      [`cf_${later.id}`]: 'Fresh field',
    });
    expect(listReads()).toBe(1);
    expect(c.sandbox.state.contacts.get(result.id)?.customFields).toEqual([expect.objectContaining({ id: later.id, value: 'Fresh field' })]);
    expect(result.custom).toEqual({ joined_later: 'Fresh field' });
    // The new copy is shared: the next step reads none.
    await c.runtime.search('contact_find_by_id', { contactId: result.id });
    expect(listReads()).toBe(1);
  });
});
