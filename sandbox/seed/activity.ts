import { DateTime } from 'luxon';
import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import type { Calendar, Contact } from '../types';

const NOTE_BODIES = ['Prefers evening classes.', 'Mild lower back pain; avoid deep flexion.', 'Asked about prenatal classes.'];

/** Two tasks (some done, due around today at 17:00 local) and one note on each target contact. */
function seedTasksAndNotes(state: SandboxState, prng: Prng, targets: readonly Contact[], now: DateTime): void {
  const userIds = [...state.users.keys()];
  targets.forEach((contact, i) => {
    for (let t = 0; t < 2; t++) {
      const id = prng.id();
      const added = DateTime.fromISO(contact.dateAdded).plus({ hours: 1 + t });
      state.tasks.set(id, {
        id,
        contactId: contact.id,
        title: t === 0 ? 'Call about intro offer' : 'Send class schedule',
        body: t === 0 ? `Follow up with ${contact.firstName ?? 'the client'} about the intro offer.` : 'Email the new timetable.',
        assignedTo: prng.pick(userIds),
        dueDate:
          now
            .plus({ days: i - 2 + t * 3 })
            .set({ hour: 17, minute: 0, second: 0, millisecond: 0 })
            .toUTC()
            .toISO() ?? '',
        completed: (i + t) % 3 === 0,
        dateAdded: added.toUTC().toISO() ?? '',
        dateUpdated: added.toUTC().toISO() ?? '',
      });
    }
    const noteId = prng.id();
    state.notes.set(noteId, {
      id: noteId,
      contactId: contact.id,
      body: prng.pick(NOTE_BODIES),
      userId: prng.pick(userIds),
      dateAdded: DateTime.fromISO(contact.dateAdded).plus({ minutes: 30 }).toUTC().toISO() ?? '',
    });
  });
}

/** Weekday 10:00 appointments in the location timezone, some past, some upcoming. */
function seedAppointments(state: SandboxState, prng: Prng, targets: readonly Contact[], now: DateTime, calendar: Calendar): void {
  targets.forEach((contact, i) => {
    let start = now.plus({ days: i * 3 - 4 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    while (start.weekday > 5) start = start.plus({ days: 1 });
    const end = start.plus({ minutes: calendar.slotDuration });
    const id = prng.id();
    // Booked five days ahead, and never later than yesterday: a booking date is never in the future.
    const booked = start.minus({ days: 5 });
    const added = (booked < now.minus({ days: 1 }) ? booked : now.minus({ days: 1 })).toUTC().toISO() ?? '';
    const assignedUserId = calendar.teamMembers[0]?.userId ?? '';
    state.appointments.set(id, {
      id,
      calendarId: calendar.id,
      locationId: state.location.id,
      contactId: contact.id,
      groupId: calendar.groupId,
      title: `Intro Session with ${contact.name ?? 'client'}`,
      appointmentStatus: i === 0 ? 'showed' : 'confirmed',
      assignedUserId,
      users: [assignedUserId],
      address: state.location.address,
      meetingLocationType: 'address',
      startTime: start.toISO({ suppressMilliseconds: true }) ?? '',
      endTime: end.toISO({ suppressMilliseconds: true }) ?? '',
      dateAdded: added,
      dateUpdated: added,
      isRecurring: false,
      assignedResources: [],
      createdBy: { userId: assignedUserId, source: 'booking_widget' },
    });
  });
}

/** A few tasks, notes and appointments on the first seeded contacts. */
export function seedActivity(state: SandboxState, prng: Prng, contacts: readonly Contact[]): void {
  const now = DateTime.fromJSDate(state.now()).setZone(state.location.timezone);
  const targets = contacts.slice(0, 8);
  seedTasksAndNotes(state, prng, targets, now);
  const calendar = [...state.calendars.values()][0];
  if (calendar) seedAppointments(state, prng, targets.slice(0, 5), now, calendar);
}
