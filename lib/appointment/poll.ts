import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { POLL_BUDGET, floorOf, laterDate, startPoll } from '../poll/state';
import { listAppointments, pollWindow, wasChanged } from './api';
import { appointmentFingerprint, timeOf, toAppointmentChange, type AppointmentChangeOutput, type AppointmentOutput } from './schema';
import { MAX_CONTACT_READS, appointmentNames } from './names';

/**
 * The two appointment triggers (docs/highlevel-api.md §8): GET /calendars/events per watched calendar over the poll
 * window, every calendar of the location (or the one chosen) in parallel, with the calendar list cached per
 * connection. A poll costs one request per calendar (plus the calendar list every 10 minutes), and one GET
 * /contacts/{id} per distinct contact of the appointments it passes on (at most POLL_CONTACT_READS).
 */

/**
 * Contacts one check reads for the names of the appointments it passes on: appointment answers carry no contact
 * details, and the instant triggers read the appointment's contact (lib/appointment/hooks.ts), so the polling
 * triggers do too, for each appointment passed on; those beyond this many contacts wait for the next check.
 */
export const POLL_CONTACT_READS = POLL_BUDGET;

/**
 * The appointments a check passes on now (those whose contact is among the first POLL_CONTACT_READS distinct ones, or
 * that have none) and the ids of those held for the next check, in the order given.
 */
const affordable = <T extends AppointmentOutput>(items: T[]): { now: T[]; held: string[] } => {
  const contacts = new Set<string>();
  const now: T[] = [];
  const held: string[] = [];
  for (const a of items) {
    if (a.contactId && !contacts.has(a.contactId)) {
      if (contacts.size >= POLL_CONTACT_READS) {
        held.push(a.id);
        continue;
      }
      contacts.add(a.contactId);
    }
    now.push(a);
  }
  return { now, held };
};

/** The names of what a check passes on: the contacts too (affordable() keeps them within POLL_CONTACT_READS). */
const pollNames = (z: ZObject, bundle: Bundle) => appointmentNames(z, bundle, { contacts: true, maxContacts: POLL_CONTACT_READS });
/** "Test trigger" (no Zap): the first MAX_CONTACT_READS contacts named, as the other appointment steps do. */
const listNames = (z: ZObject, bundle: Bundle) => appointmentNames(z, bundle, { contacts: true, maxContacts: MAX_CONTACT_READS });
/** Turning a Zap on: the items only fill Zapier's dedupe table, no contact is read. */
const seedNames = (z: ZObject, bundle: Bundle) => appointmentNames(z, bundle, { contacts: false });

const Mark = lazy(() =>
  zod.object({
    mark: zod.string(),
    // Passed on since the mark's grace window began (not passed again), and held for want of a contact read.
    passed: zod.array(zod.string()).default([]),
    held: zod.array(zod.string()).default([]),
  }),
);

/**
 * The appointments of the poll window on the watched calendar (or all), newest first by `by`: New Appointment's read,
 * and what "Test trigger" shows for the instant appointment triggers. No names yet (each caller names what it keeps).
 */
export const recentAppointments = async (
  z: ZObject,
  bundle: Bundle,
  calendarId: string | undefined,
  by: 'dateAdded' | 'dateUpdated',
): Promise<AppointmentOutput[]> =>
  (await listAppointments(z, bundle, calendarId, pollWindow())).sort((a, b) => timeOf(b[by]) - timeOf(a[by]) || a.id.localeCompare(b.id));

const newestAdded = (items: readonly AppointmentOutput[]): string => items.reduce((newest, a) => laterDate(newest, a.dateAdded), '');

/**
 * New Appointment: newest `dateAdded` first. Later polls pass on only bookings made since the previous poll (by
 * `dateAdded`, back to the grace window before its mark), each once (the ids passed on within that window are
 * remembered), so a calendar watched for the first time (new, or beyond the former ten-calendar limit) does not report
 * its old appointments as new. Each is passed on with its contact's name and email (one read per contact, at most
 * POLL_CONTACT_READS a check; the rest are held for the next check). Names otherwise: the calendar list (read already
 * when every calendar is watched) and the user list, each one cached read.
 */
export const pollNewAppointments = async (z: ZObject, bundle: Bundle, calendarId: string | undefined): Promise<AppointmentOutput[]> => {
  const run = await startPoll(z, bundle, 'appointment_new', [calendarId ?? ''], Mark);
  const all = await recentAppointments(z, bundle, calendarId, 'dateAdded');
  const mark = laterDate(run.state?.mark, newestAdded(all));
  const recentSince = (at: string) => {
    const floor = floorOf(at, run.startedAt);
    return (a: AppointmentOutput) => !a.dateAdded || timeOf(a.dateAdded) >= floor;
  };
  // Kept while they can still come up as recent; anything else is gone from the window or too old to be taken for new.
  const stillRecent = new Set(all.filter(recentSince(mark)).map((a) => a.id));
  if (run.mode === 'list') return listNames(z, bundle)(all);
  if (run.mode === 'seed') {
    await run.save({ mark, passed: [...stillRecent], held: [] });
    return seedNames(z, bundle)(all);
  }
  const passed = new Set(run.state?.passed ?? []);
  const owed = new Set(run.state?.held ?? []);
  const recent = recentSince(run.state?.mark ?? '');
  const { now, held } = affordable(all.filter((a) => owed.has(a.id) || (recent(a) && !passed.has(a.id))));
  await run.save({ mark, passed: [...new Set([...passed, ...now.map((a) => a.id)])].filter((id) => stillRecent.has(id)), held });
  return pollNames(z, bundle)(now);
};

const Seen = lazy(() =>
  zod.object({
    mark: zod.string(),
    seen: zod.array(zod.tuple([zod.string(), zod.string()])),
    // Changes found but held for want of a contact read: passed on by the next check.
    held: zod.array(zod.string()).default([]),
  }),
);

/**
 * Appointment Updated: an appointment is reported when what a person sees on it (`appointmentFingerprint`) differs
 * from the previous poll, so a save that changes nothing reports nothing and a change back to an earlier value is
 * reported again. One the Zap has not seen before (booked since, or just entered the window) is reported only if it
 * was changed after booking, since the previous poll. The id is `<appointment id>:<dateUpdated>`. The remembered set
 * is the whole window, read completely each poll. Each change is passed on with its contact's name and email, as New
 * Appointment's (at most POLL_CONTACT_READS contacts a check; the other changes are held for the next check).
 */
export const pollUpdatedAppointments = async (
  z: ZObject,
  bundle: Bundle,
  calendarId: string | undefined,
  status: string | undefined,
): Promise<AppointmentChangeOutput[]> => {
  const run = await startPoll(z, bundle, 'appointment_updated', [calendarId ?? ''], Seen);
  const all = await listAppointments(z, bundle, calendarId, pollWindow());
  const byNewest = (items: AppointmentOutput[]) => items.sort((a, b) => timeOf(b.dateUpdated) - timeOf(a.dateUpdated) || a.id.localeCompare(b.id));
  const wanted = (a: AppointmentOutput) => !status || a.appointmentStatus.toLowerCase() === status;
  const prints = all.map((a) => [a.id, appointmentFingerprint(a)] as [string, string]);
  const mark = laterDate(
    run.state?.mark,
    all.reduce((newest, a) => laterDate(newest, a.dateUpdated), ''),
  );
  if (run.mode === 'list' || run.mode === 'seed') {
    await run.save({ mark, seen: prints, held: [] });
    const named = run.mode === 'list' ? listNames(z, bundle) : seedNames(z, bundle);
    return named(byNewest(all.filter(wasChanged).filter(wanted)).map(toAppointmentChange));
  }
  if (run.mode === 'reseed' || !run.state) {
    await run.save({ mark, seen: prints, held: [] });
    return [];
  }
  const before = new Map(run.state.seen);
  const owed = new Set(run.state.held);
  const floor = floorOf(run.state.mark, run.startedAt);
  const changed = all.filter((a, i) => {
    const was = before.get(a.id);
    return owed.has(a.id) || (was === undefined ? wasChanged(a) && timeOf(a.dateUpdated) >= floor : was !== prints[i]?.[1]);
  });
  const { now, held } = affordable(byNewest(changed.filter(wanted)));
  await run.save({ mark, seen: prints, held });
  return pollNames(z, bundle)(now.map(toAppointmentChange));
};
