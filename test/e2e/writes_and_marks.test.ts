import { DateTime } from 'luxon';
import { listCalendars } from '../../lib/appointment/api';
import { connect, disconnect, failure, type Connected } from './helpers';

type Row = Record<string, unknown>;

/**
 * Issue 21, points 3, 4 and 7, through the Zapier runtime against one sandbox: a Create Opportunity whose answer was
 * lost is replayed and returns what it wrote; New Note does not fire for a note written before the Zap was turned
 * on when its contact is edited later; API Request reaches the opportunity upsert; Cancel Appointment carries the
 * cancel's Date Updated; Delete Appointment takes the 201 HighLevel's spec declares.
 */
describe('end to end: replayed opportunity, New Note mark, sandbox gaps', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ contacts: 40 });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  const trainees = () => [...c.sandbox.state.sales.pipelines.values()].find((p) => p.name === 'Trainees');
  /** A contact with no opportunity and no note yet. */
  const freshContact = () => {
    const taken = new Set([...c.sandbox.state.sales.opportunities.values()].map((o) => o.contactId));
    const noted = new Set([...c.sandbox.state.notes.values()].map((n) => n.contactId));
    const found = [...c.sandbox.state.contacts.values()].reverse().find((x) => !taken.has(x.id) && !noted.has(x.id));
    if (!found) throw new Error('the sandbox seeds contacts without opportunities or notes');
    return found;
  };

  it('Create Opportunity replayed after a dropped answer returns the opportunity it wrote instead of halting on the duplicate', async () => {
    const contact = freshContact();
    const pipelineId = String(trainees()?.id);
    const zap = { zap: { id: 'zap-2101' } };
    const input = { contactId: contact.id, pipelineId, name: 'Mira Lind: Level 1' };
    c.sandbox.faults.dropAfterWrite({ path: '/opportunities/', method: 'POST' });
    const lost = await failure(c.runtime.create('opportunity_create', input, zap));
    expect(lost.message).toMatch(/Replaying this step is safe: it first looks for the opportunity/);
    const written = [...c.sandbox.state.sales.opportunities.values()].filter((o) => o.contactId === contact.id);
    expect(written).toHaveLength(1);
    const replayed = await c.runtime.create<Row>('opportunity_create', input, zap);
    expect(replayed).toMatchObject({ id: written[0]?.id, pipelineName: 'Trainees', contactId: contact.id });
    expect([...c.sandbox.state.sales.opportunities.values()].filter((o) => o.contactId === contact.id)).toHaveLength(1);
    // Another Zap creating the same still meets HighLevel's duplicate refusal: that opportunity is not its own.
    const other = await failure(c.runtime.create('opportunity_create', input, { zap: { id: 'zap-2102' } }));
    expect(other.message).toMatch(/Can not create duplicate opportunity for the contact/);
  });

  it('New Note (location-wide) does not fire for a note written before the Zap was turned on when its contact is edited later', async () => {
    const note = [...c.sandbox.state.notes.values()][0];
    const quiet = c.sandbox.state.contacts.get(String(note?.contactId));
    if (!note || !quiet) throw new Error('the sandbox seeds notes');
    // Quiet since long before the lookback: the first check does not see its notes.
    quiet.dateUpdated = DateTime.now().minus({ days: 60 }).toUTC().toISO() ?? '';
    const zap = { zap: 'zap-2103' };
    const input = { lookbackHours: 720 };
    expect(await c.runtime.poll('note_new', input, zap)).toEqual([]);
    await c.runtime.create('contact_update', { contactId: quiet.id, city: 'Essen' });
    c.sandbox.catchUpSearch();
    // The contact is now among the recently updated ones, with its old note: nothing new.
    expect(await c.runtime.poll('note_new', input, zap)).toEqual([]);
    const added = await c.runtime.create<Row>('note_create', { contactId: quiet.id, body: 'Asked about the June course' });
    expect((await c.runtime.poll<Row>('note_new', input, zap)).map((n) => n.id)).toEqual([added.id]);
  });

  it('API Request reaches POST /opportunities/upsert (it answered 404): the opportunity with that id is updated', async () => {
    const [opportunity] = [...c.sandbox.state.sales.opportunities.values()];
    const stage = trainees()?.stages[1];
    const body = {
      id: opportunity?.id,
      pipelineId: trainees()?.id,
      locationId: c.sandbox.locationId,
      followers: [c.sandbox.userId],
      isRemoveAllFollowers: false,
      followersActionType: 'add',
      pipelineStageId: stage?.id,
      name: 'Upserted through API Request',
    };
    const answer = await c.runtime.create<Row>('api_request', { method: 'POST', path: '/opportunities/upsert', body: JSON.stringify(body) });
    expect(answer).toMatchObject({ status: 200, data: { new: false, opportunity: { id: opportunity?.id } } });
    expect(c.sandbox.state.sales.opportunities.get(String(opportunity?.id))).toMatchObject({
      name: 'Upserted through API Request',
      pipelineStageId: stage?.id,
    });
  });

  it('Cancel Appointment outputs the Date Updated of the cancel; Delete Appointment takes the 201', async () => {
    const [calendar] = await c.runtime.run<Row[]>(listCalendars);
    const calendarId = String(calendar?.id);
    const from = DateTime.now().setZone(c.sandbox.state.location.timezone).plus({ days: 4 }).toFormat('yyyy-MM-dd');
    const [slots] = await c.runtime.search<Row>('calendar_free_slots', { calendarId, startDate: from });
    const contact = freshContact();
    const booked = await c.runtime.create<Row>('appointment_create', { calendarId, contactId: contact.id, startTime: String(slots?.firstSlot) });
    const cancelled = await c.runtime.create<Row>('appointment_cancel', { appointmentId: booked.id });
    expect(cancelled).toMatchObject({ id: booked.id, appointmentStatus: 'cancelled', contactId: contact.id });
    expect(cancelled.dateUpdated).toBe(c.sandbox.state.appointments.get(String(booked.id))?.dateUpdated);
    expect(Date.parse(String(cancelled.dateUpdated))).toBeGreaterThanOrEqual(Date.parse(String(cancelled.dateAdded)));
    expect(await c.runtime.create<Row>('appointment_delete', { appointmentId: booked.id })).toEqual({ id: booked.id, deleted: true });
    expect(c.sandbox.requests.filter((r) => r.method === 'DELETE' && r.path === `/calendars/events/${String(booked.id)}`).map((r) => r.status)).toEqual([201]);
  });
});
