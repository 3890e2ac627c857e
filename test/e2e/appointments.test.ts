import { VARIETY_SEEDS } from '../../sandbox';
import { DateTime } from 'luxon';
import { perform as listCalendars } from '../../triggers/calendar_list';
import { connect, disconnect, failure, type Connected } from './helpers';

type Row = Record<string, unknown> & { id: string };

/**
 * The appointment operations against the sandbox on loopback (no nock): book, find, reschedule, cancel, delete,
 * free slots and the triggers, with the sandbox's own validation of bodies, queries and slots.
 */
describe.each(VARIETY_SEEDS)('end to end: appointments and calendars (seed %i)', (seed) => {
  let c: Connected;
  beforeEach(async () => {
    c = await connect({ seed });
  });
  afterEach(async () => {
    await disconnect(c);
  });

  it('finds a free slot, books it by email, finds, reschedules, cancels and deletes it', async () => {
    const [calendar] = await c.runtime.run<Row[]>(listCalendars);
    const calendarId = calendar?.id as string;
    const zone = c.sandbox.state.location.timezone;
    const from = DateTime.now().setZone(zone).plus({ days: 2 }).toFormat('yyyy-MM-dd');
    const [slots] = await c.runtime.search<Row>('calendar_free_slots', { calendarId, startDate: from });
    expect(slots?.slotCount).toBeGreaterThan(0);
    const firstSlot = String(slots?.firstSlot);

    const booked = await c.runtime.create<Row>('appointment_create', {
      calendarId,
      contactEmail: 'e2e.learner@example.com',
      contactFirstName: 'Eva',
      startTime: firstSlot,
      title: 'Live Q&A',
    });
    expect(booked).toMatchObject({ calendarId, startTime: expect.any(String), title: 'Live Q&A' });
    expect(Date.parse(String(booked.startTime))).toBe(Date.parse(firstSlot));

    const [found] = await c.runtime.search<Row>('appointment_find', { appointmentId: booked.id });
    expect(found?.contactId).toBe(booked.contactId);

    const [again] = await c.runtime.search<Row>('calendar_free_slots', { calendarId, startDate: from });
    const later = (again?.slots as string[]).find((s) => Date.parse(s) > Date.parse(firstSlot) + 2 * 3_600_000) as string;
    const moved = await c.runtime.create<Row>('appointment_update', { appointmentId: booked.id, startTime: later });
    expect(Date.parse(String(moved.startTime))).toBe(Date.parse(later));
    expect(Date.parse(String(moved.endTime)) - Date.parse(String(moved.startTime))).toBe(
      Date.parse(String(booked.endTime)) - Date.parse(String(booked.startTime)),
    );

    const cancelled = await c.runtime.create<Row>('appointment_cancel', { appointmentId: booked.id });
    expect(cancelled.appointmentStatus).toBe('cancelled');
    const byContact = await c.runtime.search<Row>('appointment_find_by_contact', { contactId: booked.contactId, status: 'cancelled' });
    expect(byContact.map((a) => a.id)).toContain(booked.id);

    expect(await c.runtime.create<Row>('appointment_delete', { appointmentId: booked.id })).toEqual({ id: booked.id, deleted: true });
    expect(await c.runtime.search<Row>('appointment_find', { appointmentId: booked.id })).toEqual([]);
  });

  it('reports a taken slot as a halt a user can act on', async () => {
    const appointment = [...c.sandbox.state.appointments.values()].find((a) => Date.parse(a.startTime) > Date.now());
    if (!appointment) throw new Error('the sandbox seeds upcoming appointments');
    const error = await failure(
      c.runtime.create('appointment_create', {
        calendarId: appointment.calendarId,
        contactId: appointment.contactId,
        startTime: appointment.startTime,
        duration: 30,
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/That time is no longer free on this calendar; pick another time or set Ignore Free Slot Validation/);
  });

  it('New Appointment passes on a booking made after the first poll; Appointment Updated a status change', async () => {
    expect(await c.runtime.poll('appointment_new')).toEqual([]);
    expect(await c.runtime.poll('appointment_updated')).toEqual([]);
    const appointment = [...c.sandbox.state.appointments.values()].find((a) => Date.parse(a.startTime) > Date.now());
    if (!appointment) throw new Error('the sandbox seeds upcoming appointments');
    const start = DateTime.fromISO(appointment.startTime).plus({ days: 1 }).toISO() ?? '';
    const booked = await c.runtime.create<Row>('appointment_create', {
      calendarId: appointment.calendarId,
      contactId: appointment.contactId,
      startTime: start,
      duration: 30,
      ignoreFreeSlotValidation: true,
    });
    const fresh = await c.runtime.poll<Row>('appointment_new');
    expect(fresh.map((a) => a.id)).toEqual([booked.id]);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // dateUpdated must move past dateAdded
    await c.runtime.create('appointment_update', { appointmentId: appointment.id, appointmentStatus: 'noshow' });
    const changed = await c.runtime.poll<Row>('appointment_updated');
    expect(changed.map((a) => a.appointmentId)).toEqual([appointment.id]);
  });
});
