import { VARIETY_SEEDS } from '../../sandbox';
import { contactCustomFieldInputs } from '../../lib/custom_field/fields';
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
    const perform = (await import('../../triggers/contact_new')).perform;
    const first = await c.runtime.run<{ email: string; custom?: Record<string, unknown> }[]>(perform, {}, { limit: 100 });
    const second = await c.runtime.run<unknown[]>(perform, {}, { limit: 100 });
    const mine = first.find((item) => item.email === 'cf-poll@example.com');
    expect(Object.values(mine?.custom ?? {})).toContain('Morning classes');
    expect(second.length).toBe(first.length);
    const fieldListCalls = c.sandbox.requests.filter((r) => r.path.endsWith('/customFields'));
    const searches = c.sandbox.requests.filter((r) => r.path === '/contacts/search');
    expect([fieldListCalls.length, searches.length]).toEqual([0, 2]);
  });
});
