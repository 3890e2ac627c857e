import { DateTime } from 'luxon';
import { DEFAULT_SEED, startSandbox, VARIETY_READINGS, VARIETY_SEEDS, varietyFor, type Sandbox, type Variety, type VarietyKey } from '../../sandbox';
import { Client } from './helpers';

/** The real variety of HighLevel's answers (sandbox/variety.ts), chosen by seed or pinned. */

type Rec = Record<string, unknown>;
const KEYS = Object.keys(VARIETY_READINGS) as VarietyKey[];
// Monday 2 March 2026, 08:00 in Berlin.
const NOW = Date.parse('2026-03-02T07:00:00.000Z');

describe('sandbox variety: chosen by seed', () => {
  it('is deterministic per seed, and VARIETY_SEEDS give both readings of every variety between them', () => {
    expect(varietyFor(DEFAULT_SEED)).toEqual(varietyFor(DEFAULT_SEED));
    for (const key of KEYS) {
      expect(new Set(VARIETY_SEEDS.map((seed) => varietyFor(seed)[key]))).toEqual(new Set(VARIETY_READINGS[key]));
    }
  });

  it('every reading occurs for some seeds and not for others (not one fixed reading)', () => {
    const seeds = Array.from({ length: 64 }, (_, i) => DEFAULT_SEED + i);
    for (const key of KEYS) {
      const counts = VARIETY_READINGS[key].map((reading) => seeds.filter((seed) => varietyFor(seed)[key] === reading).length);
      expect(Math.min(...counts)).toBeGreaterThan(8);
    }
  });

  it('pinned readings win over the seed; the seed data stays the same whatever the readings', async () => {
    const pinned: Variety = { ...varietyFor(DEFAULT_SEED), names: varietyFor(DEFAULT_SEED).names === 'raw' ? 'plain' : 'raw' };
    const a = await startSandbox({ contacts: 20, now: () => new Date(NOW) });
    const b = await startSandbox({ contacts: 20, now: () => new Date(NOW), variety: { names: pinned.names } });
    try {
      expect(b.variety).toEqual(pinned);
      expect([...b.state.contacts.values()]).toEqual([...a.state.contacts.values()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('sandbox variety: the answers', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    await sb?.stop();
    sb = undefined;
  });
  const start = async (variety: Partial<Variety>): Promise<{ sb: Sandbox; api: Client }> => {
    sb = await startSandbox({ contacts: 20, now: () => new Date(NOW), searchLagMs: 0, variety });
    return { sb, api: new Client(sb, sb.issueToken().access_token) };
  };
  const ada = { firstName: 'Ada', lastName: 'McDonald', email: 'ada.variety@example.com', address1: 'Torstraße 1', dateOfBirth: '1990-09-25' };

  const createAda = async (api: Client, locationId: string): Promise<string> => {
    const res = await api.post<{ contact: Rec }>('/contacts/', { locationId, ...ada });
    expect(res.status).toBe(201);
    return res.body.contact.id as string;
  };
  const searchAda = async (api: Client, locationId: string): Promise<Rec> => {
    const res = await api.post<{ contacts: Rec[] }>('/contacts/search', {
      locationId,
      pageLimit: 5,
      filters: [{ field: 'email', operator: 'eq', value: ada.email }],
    });
    expect(res.body.contacts).toHaveLength(1);
    return res.body.contacts[0] as Rec;
  };

  it('thin search items: lower-cased names only, no DND settings, the stored date of birth', async () => {
    const { sb: s, api } = await start({ searchItems: 'thin' });
    await createAda(api, s.locationId);
    const item = await searchAda(api, s.locationId);
    expect(item).toMatchObject({ firstNameLowerCase: 'ada', lastNameLowerCase: 'mcdonald', dateOfBirth: '1990-09-25T00:00:00.000Z' });
    for (const key of ['firstName', 'lastName', 'firstNameRaw', 'contactName', 'dndSettings']) expect(item).not.toHaveProperty(key);
  });

  it('full search items: names (plain or raw), contactName, every DND channel, date of birth as epoch ms', async () => {
    const { sb: s, api } = await start({ searchItems: 'full', names: 'plain', contactNameCase: 'kept' });
    await createAda(api, s.locationId);
    const item = await searchAda(api, s.locationId);
    expect(item).toMatchObject({ firstName: 'Ada', lastName: 'McDonald', contactName: 'Ada McDonald', dateOfBirth: Date.parse('1990-09-25T00:00:00Z') });
    expect(Object.keys(item.dndSettings as Rec).sort()).toEqual(['Call', 'Email', 'FB', 'GMB', 'SMS', 'WhatsApp']);
    expect(item).not.toHaveProperty('firstNameRaw');

    await s.stop();
    const raw = await start({ searchItems: 'full', names: 'raw', contactNameCase: 'kept' });
    await createAda(raw.api, raw.sb.locationId);
    expect(await searchAda(raw.api, raw.sb.locationId)).toMatchObject({
      firstName: 'ada',
      lastName: 'mcdonald',
      firstNameRaw: 'Ada',
      lastNameRaw: 'McDonald',
      contactName: 'Ada McDonald',
    });
  });

  it('full search items under the lower reading of contactNameCase: contactName lower-cased beside the real-case parts (issue 21)', async () => {
    const { sb: s, api } = await start({ searchItems: 'full', names: 'plain', contactNameCase: 'lower' });
    const id = await createAda(api, s.locationId);
    expect(await searchAda(api, s.locationId)).toMatchObject({ firstName: 'Ada', lastName: 'McDonald', contactName: 'ada mcdonald' });
    // The full contact keeps HighLevel's own name (contacts.json GetContectByIdSchema has `name`, no contactName).
    expect((await api.get<{ contact: Rec }>(`/contacts/${id}`)).body.contact).toMatchObject({ name: 'Ada McDonald' });
  });

  it.each(['address', 'address1'] as const)('the street of search items under %s only', async (key) => {
    const { sb: s, api } = await start({ searchStreetKey: key });
    await createAda(api, s.locationId);
    const item = await searchAda(api, s.locationId);
    expect(item[key]).toBe('Torstraße 1');
    expect(item).not.toHaveProperty(key === 'address' ? 'address1' : 'address');
  });

  it('raw names on the full contact: the real case under *Raw, lower-cased copies beside; HighLevel’s own name kept', async () => {
    const { sb: s, api } = await start({ names: 'raw' });
    const id = await createAda(api, s.locationId);
    const got = await api.get<{ contact: Rec }>(`/contacts/${id}`);
    expect(got.body.contact).toMatchObject({ firstName: 'ada', lastName: 'mcdonald', firstNameRaw: 'Ada', lastNameRaw: 'McDonald', name: 'Ada McDonald' });
    const plain = { ...s.state.contacts.get(id) };
    expect(plain.firstName).toBe('Ada'); // stored as written; only the rendering differs
  });

  it('additional phones as strings or {phone, phoneLabel} objects, on the contact and in search', async () => {
    for (const reading of ['strings', 'objects'] as const) {
      const { sb: s, api } = await start({ additionalPhones: reading });
      const contact = [...s.state.contacts.values()].find((c) => c.additionalPhones.length > 0);
      if (!contact) throw new Error('the seed gives some contacts a second phone');
      const phone = contact.additionalPhones[0] as string;
      const got = await api.get<{ contact: Rec }>(`/contacts/${contact.id}`);
      expect(got.body.contact.additionalPhones).toEqual([reading === 'objects' ? { phone, phoneLabel: 'Home' } : phone]);
      const found = await api.post<{ contacts: Rec[] }>('/contacts/search', {
        locationId: s.locationId,
        pageLimit: 5,
        filters: [{ field: 'id', operator: 'eq', value: contact.id }],
      });
      expect(found.body.contacts[0]?.additionalPhones).toEqual(got.body.contact.additionalPhones);
      await s.stop();
      sb = undefined;
    }
  });

  it('extra contact fields: attribution, every DND channel and createdBy, or only what the contact has', async () => {
    const extra = await start({ contactExtras: 'extra' });
    const id = await createAda(extra.api, extra.sb.locationId);
    const rich = (await extra.api.get<{ contact: Rec }>(`/contacts/${id}`)).body.contact;
    expect(rich).toMatchObject({
      attributionSource: { url: expect.any(String) },
      lastAttributionSource: { url: expect.any(String) },
      createdBy: { source: expect.any(String) },
      dndSettings: { Call: { status: 'inactive' }, Email: { status: 'inactive' } },
    });
    await extra.sb.stop();
    const bare = await start({ contactExtras: 'bare' });
    const bareId = await createAda(bare.api, bare.sb.locationId);
    const plain = (await bare.api.get<{ contact: Rec }>(`/contacts/${bareId}`)).body.contact;
    for (const key of ['attributionSource', 'lastAttributionSource', 'createdBy', 'dndSettings']) expect(plain).not.toHaveProperty(key);
  });

  it('contact appointments: ISO with offset, or the zone-less wall-clock time of the location (the same instants)', async () => {
    const answers: Record<string, Rec> = {};
    for (const reading of ['offset', 'zoneless'] as const) {
      const { sb: s, api } = await start({ contactAppointmentTimes: reading });
      const appointment = [...s.state.appointments.values()][0];
      if (!appointment) throw new Error('the seed books appointments');
      const res = await api.get<{ events: Rec[] }>(`/contacts/${appointment.contactId}/appointments`);
      answers[reading] = res.body.events.find((e) => e.id === appointment.id) as Rec;
      // The calendar routes keep their offset whatever the reading.
      const byId = await api.get<{ event: Rec }>(`/calendars/events/appointments/${appointment.id}`);
      expect(byId.body.event.startTime).toBe(appointment.startTime);
      await s.stop();
      sb = undefined;
    }
    const zone = 'Europe/Berlin';
    const offset = answers.offset as Rec;
    const bare = answers.zoneless as Rec;
    for (const key of ['startTime', 'endTime', 'dateAdded', 'dateUpdated']) {
      expect(offset[key]).toMatch(/(Z|[+-]\d\d:\d\d)$/);
      expect(bare[key]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(DateTime.fromSQL(String(bare[key]), { zone }).toMillis()).toBe(Math.floor(Date.parse(String(offset[key])) / 1000) * 1000);
    }
  });
});
