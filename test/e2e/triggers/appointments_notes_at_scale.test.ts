import { DateTime } from 'luxon';
import { apiWrite, connect, disconnect, type Connected } from '../helpers';

type Row = Record<string, unknown> & { id: string };

/** Appointment triggers over 14 calendars and the note triggers' stated reach, against the sandbox (issue 10). */
describe('end to end at scale: appointment triggers on 14 calendars', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ contacts: 30, rateLimit: false });
    const [first] = [...c.sandbox.state.calendars.values()];
    if (!first) throw new Error('the sandbox seeds calendars');
    for (let i = 0; i < 11; i++) {
      const id = `CalScale${String(i).padStart(12, '0')}`;
      c.sandbox.state.calendars.set(id, { ...structuredClone(first), id, name: `Room ${i + 1}` });
    }
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it('a booking on the 14th calendar fires New Appointment; a save that changes nothing fires nothing; a status change and back each fire', async () => {
    expect(c.sandbox.state.calendars.size).toBe(14);
    expect(await c.runtime.poll('appointment_new')).toEqual([]);
    expect(await c.runtime.poll('appointment_updated')).toEqual([]);
    const calendarId = 'CalScale000000000010';
    const contactId = [...c.sandbox.state.contacts.keys()][3] as string;
    const start = DateTime.now().plus({ days: 9 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toISO() ?? '';
    const booked = await c.runtime.create<Row>('appointment_create', { calendarId, contactId, startTime: start, duration: 30, ignoreFreeSlotValidation: true });

    c.sandbox.clearRequests();
    expect((await c.runtime.poll<Row>('appointment_new')).map((a) => a.id)).toEqual([booked.id]);
    const events = c.sandbox.requests.filter((r) => r.path === '/calendars/events');
    // One request per calendar; the calendar list came from the cache.
    expect([events.length, c.sandbox.requests.filter((r) => r.path === '/calendars/').length]).toEqual([14, 0]);

    const updates = async () => (await c.runtime.poll<Row>('appointment_updated')).filter((a) => a.appointmentId === booked.id);
    await apiWrite(c, 'PUT', `/calendars/events/appointments/${booked.id}`, { title: String(booked.title) }, '2021-04-15');
    expect(await updates()).toEqual([]);
    await c.runtime.create('appointment_update', { appointmentId: booked.id, appointmentStatus: 'noshow' });
    expect((await updates()).map((a) => a.appointmentStatus)).toEqual(['noshow']);
    await c.runtime.create('appointment_update', { appointmentId: booked.id, appointmentStatus: 'confirmed' });
    expect((await updates()).map((a) => a.appointmentStatus)).toEqual(['confirmed']);
  });
});

describe('end to end: what the note triggers can see', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ contacts: 200, rateLimit: false, searchLagMs: 0 });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it('a chosen contact: every note; location-wide: notes of the 9 most recently changed contacts only, within 10 requests', async () => {
    const contacts = [...c.sandbox.state.contacts.values()].sort((a, b) => b.dateUpdated.localeCompare(a.dateUpdated));
    const quiet = contacts[150]?.id as string;
    const busy = contacts[0]?.id as string;
    await c.runtime.create('contact_update', { contactId: busy, city: 'Essen' });
    expect(await c.runtime.poll('note_new', { contactId: quiet })).toEqual([]);
    expect(await c.runtime.poll('note_new', { lookbackHours: 720 })).toEqual([]);
    const onQuiet = await c.runtime.create<Row>('note_create', { contactId: quiet, body: 'On a quiet contact' });
    const onBusy = await c.runtime.create<Row>('note_create', { contactId: busy, body: 'On a busy contact' });
    expect((await c.runtime.poll<Row>('note_new', { contactId: quiet })).map((n) => n.id)).toEqual([onQuiet.id]);
    c.sandbox.clearRequests();
    const wide = await c.runtime.poll<Row>('note_new', { lookbackHours: 720 });
    // The quiet contact's note is out of reach of a poll (adding a note does not touch the contact, §14.5).
    expect(wide.map((n) => n.id)).toEqual([onBusy.id]);
    expect(c.sandbox.requests.length).toBeLessThanOrEqual(10);
  });
});
