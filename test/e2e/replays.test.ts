import { DateTime } from 'luxon';
import { listCalendars } from '../../lib/appointment/api';
import { REQUEST_TIMEOUT_MS } from '../../lib/http/deadline';
import { connect, disconnect, failure, type Connected } from './helpers';

type Row = Record<string, unknown>;

/**
 * Issue 11, point 1: a create replayed after its answer was lost never writes twice, and the Zap goes on. Each
 * fault hits the write itself (the sandbox writes, then breaks the answer); the replay is Zapier's: the same step, the
 * same input, the same Zap.
 */
describe('end to end: replay-safe creates', () => {
  let c: Connected;
  const zap = { zap: { id: 'zap-1001' } };
  afterEach(async () => {
    if (c) await disconnect(c);
  });

  const contactOf = (conn: Connected) => [...conn.sandbox.state.contacts.keys()][0];
  const notesOf = (conn: Connected, contactId: string) => [...conn.sandbox.state.notes.values()].filter((n) => n.contactId === contactId);
  const tasksOf = (conn: Connected, contactId: string) => [...conn.sandbox.state.tasks.values()].filter((t) => t.contactId === contactId);

  it.each([
    ['a dropped connection', (conn: Connected, path: string) => conn.sandbox.faults.dropAfterWrite({ path, method: 'POST' }), /connection to HighLevel broke/],
    [
      'a 502 from a gateway',
      (conn: Connected, path: string) => conn.sandbox.faults.serverErrorAfterWrite(502, { path, method: 'POST' }),
      /server error \(502\)/,
    ],
    [
      'a cut-off answer',
      (conn: Connected, path: string) => conn.sandbox.faults.malformedJson({ path, method: 'POST' }),
      /^HighLevel created the note, but answered with text that is not valid JSON/,
    ],
  ])('Create Note after %s: the message says a replay is safe, and the replay returns the note', async (_what, arm, said) => {
    c = await connect();
    const contactId = contactOf(c);
    const before = notesOf(c, contactId).length;
    arm(c, `/contacts/${contactId}/notes`);
    const input = { contactId, body: 'Called about the June course' };
    const error = await failure(c.runtime.create('note_create', input, zap));
    expect(error.message).toMatch(said);
    expect(error.message).toMatch(/Replaying this step is safe: it (first looks for|finds) the note/);
    expect(notesOf(c, contactId)).toHaveLength(before + 1);
    const replayed = await c.runtime.create<Row>('note_create', input, zap);
    expect(notesOf(c, contactId)).toHaveLength(before + 1);
    expect(replayed.id).toBe(notesOf(c, contactId).find((n) => n.body === input.body)?.id);
  });

  it('Create Task after a dropped answer: the replay returns the task', async () => {
    c = await connect();
    const contactId = contactOf(c);
    const before = tasksOf(c, contactId).length;
    c.sandbox.faults.dropAfterWrite({ path: `/contacts/${contactId}/tasks`, method: 'POST' });
    const input = { contactId, title: 'Send the contract', dueDate: '2031-02-03T09:00:00Z' };
    await failure(c.runtime.create('task_create', input, zap));
    const replayed = await c.runtime.create<Row>('task_create', input, zap);
    expect(tasksOf(c, contactId)).toHaveLength(before + 1);
    expect(replayed).toMatchObject({ title: 'Send the contract', contactId });
  });

  it('a new run with the same input after a success writes again (a second event is a second note)', async () => {
    c = await connect();
    const contactId = contactOf(c);
    const before = notesOf(c, contactId).length;
    const input = { contactId, body: 'Weekly check-in' };
    const first = await c.runtime.create<Row>('note_create', input, zap);
    const second = await c.runtime.create<Row>('note_create', input, zap);
    expect(second.id).not.toBe(first.id);
    expect(notesOf(c, contactId)).toHaveLength(before + 2);
  });

  it('a refusal (4xx) leaves no record: nothing was written, and the next run writes', async () => {
    c = await connect();
    const contactId = contactOf(c);
    c.sandbox.faults.tooManyRequests({ path: `/contacts/${contactId}/notes`, method: 'POST', retryAfterSeconds: 30 });
    const input = { contactId, body: 'Refused once' };
    expect((await failure(c.runtime.create('note_create', input, zap))).name).toBe('ThrottledError');
    expect(c.runtime.cache.keys().filter((k) => k.startsWith('ghl:attempt:'))).toEqual([]);
    await c.runtime.create('note_create', input, zap);
    expect(notesOf(c, contactId).filter((n) => n.body === input.body)).toHaveLength(1);
  });

  it('without z.cache the step cannot tell a replay: its message says to check HighLevel first', async () => {
    c = await connect();
    const contactId = contactOf(c);
    c.runtime.cache.available = false;
    c.sandbox.faults.dropAfterWrite({ path: `/contacts/${contactId}/notes`, method: 'POST' });
    const error = await failure(c.runtime.create('note_create', { contactId, body: 'No cache here' }, zap));
    expect(error.message).toMatch(/Check in HighLevel whether it happened before you replay this step: a replay may do it a second time\.$/);
  });

  it('Create Contact replayed after a lost answer returns the contact it created instead of halting on it', async () => {
    c = await connect({ allowDuplicateContact: false });
    c.sandbox.faults.dropAfterWrite({ path: '/contacts/', method: 'POST' });
    const input = { email: 'mira.lind@example.com', firstName: 'Mira' };
    await failure(c.runtime.create('contact_create', input, zap));
    const replayed = await c.runtime.create<Row>('contact_create', input, zap);
    const same = [...c.sandbox.state.contacts.values()].filter((x) => x.email === input.email);
    expect(same).toHaveLength(1);
    expect(replayed.id).toBe(same[0].id);
    // Another Zap (or a new run after the success) meeting that contact still halts: it is not its own.
    const other = await failure(c.runtime.create('contact_create', input, { zap: { id: 'zap-2002' } }));
    expect(other.name).toBe('HaltedError');
    expect(other.message).toMatch(new RegExp(`contact ${same[0].id} already exists`));
  });

  it('Create Contact in a location that allows duplicates: the replay still writes no second contact', async () => {
    c = await connect({ allowDuplicateContact: true });
    c.sandbox.faults.serverErrorAfterWrite(504, { path: '/contacts/', method: 'POST' });
    const input = { email: 'noa.berg@example.com', phone: '+4915112345678' };
    await failure(c.runtime.create('contact_create', input, zap));
    await c.runtime.create('contact_create', input, zap);
    expect([...c.sandbox.state.contacts.values()].filter((x) => x.email === input.email)).toHaveLength(1);
  });

  it('Create Tag replayed after a lost answer returns the tag instead of failing on "already exists"', async () => {
    c = await connect();
    c.sandbox.faults.dropAfterWrite({ path: '/tags', method: 'POST' });
    await failure(c.runtime.create('tag_create', { name: 'june-cohort' }, zap));
    const replayed = await c.runtime.create<Row>('tag_create', { name: 'june-cohort' }, zap);
    expect(replayed.name).toBe('june-cohort');
    expect([...c.sandbox.state.tags.values()].filter((t) => t.name === 'june-cohort')).toHaveLength(1);
  });

  it('Create Appointment replayed after a lost answer returns the booking instead of booking twice', async () => {
    c = await connect();
    const [calendar] = await c.runtime.run<Row[]>(listCalendars);
    const calendarId = String(calendar?.id);
    const from = DateTime.now().setZone(c.sandbox.state.location.timezone).plus({ days: 3 }).toFormat('yyyy-MM-dd');
    const [slots] = await c.runtime.search<Row>('calendar_free_slots', { calendarId, startDate: from });
    const input = { calendarId, contactId: contactOf(c), startTime: String(slots?.firstSlot), title: 'Intro call', ignoreFreeSlotValidation: 'true' };
    c.sandbox.faults.dropAfterWrite({ path: '/calendars/events/appointments', method: 'POST' });
    await failure(c.runtime.create('appointment_create', input, zap));
    const replayed = await c.runtime.create<Row>('appointment_create', input, zap);
    const booked = [...c.sandbox.state.appointments.values()].filter(
      (a) => a.calendarId === calendarId && a.contactId === input.contactId && a.title === 'Intro call',
    );
    expect(booked).toHaveLength(1);
    expect(replayed.id).toBe(booked[0].id);
  });

  it('a held answer times out below Zapier’s 30 s, says the note may have been created, and the replay finds it', async () => {
    c = await connect();
    const contactId = contactOf(c);
    c.sandbox.faults.latency(REQUEST_TIMEOUT_MS + 1500, { path: `/contacts/${contactId}/notes`, method: 'POST' });
    const input = { contactId, body: 'Held answer' };
    const error = await failure(c.runtime.create('note_create', input, zap));
    expect(error.message).toMatch(
      /^HighLevel did not answer within 10 seconds while creating the note, so HighLevel may or may not have created the note\. Replaying this step is safe/,
    );
    // Zapier's first autoreplay comes 5 minutes later; here, as soon as the held request has been carried out.
    while (!notesOf(c, contactId).some((n) => n.body === input.body)) await new Promise((resolve) => setTimeout(resolve, 100));
    await c.runtime.create('note_create', input, zap);
    expect(notesOf(c, contactId).filter((n) => n.body === input.body)).toHaveLength(1);
  }, 30_000);
});
