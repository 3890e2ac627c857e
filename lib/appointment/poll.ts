import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { floorOf, laterDate, startPoll } from '../poll/state';
import { listAppointments, pollWindow, wasChanged } from './api';
import { appointmentFingerprint, timeOf, toAppointmentChange, type AppointmentChangeOutput, type AppointmentOutput } from './schema';
import { appointmentNames } from './names';

/**
 * The two appointment triggers (docs/highlevel-api.md §8): GET /calendars/events per watched calendar over the poll
 * window, every calendar of the location (or the one chosen) in parallel, with the calendar list cached per
 * connection. A poll costs one request per calendar (plus the calendar list every 10 minutes).
 */

const Mark = lazy(() => zod.object({ mark: zod.string() }));

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
 * New Appointment: newest `dateAdded` first; Zapier dedupes on the appointment id. Later polls pass on only bookings
 * made since the previous poll (by `dateAdded`), so a calendar watched for the first time (new, or beyond the former
 * ten-calendar limit) does not report its old appointments as new.
 */
export const pollNewAppointments = async (z: ZObject, bundle: Bundle, calendarId: string | undefined): Promise<AppointmentOutput[]> => {
  const run = await startPoll(z, bundle, 'appointment_new', [calendarId ?? ''], Mark);
  const all = await recentAppointments(z, bundle, calendarId, 'dateAdded');
  await run.save({ mark: laterDate(run.state?.mark, newestAdded(all)) });
  // Names for the items passed on only: the calendar list (read already when every calendar is watched) and the
  // user list, each one cached read; no contact reads in a poll (lib/appointment/names.ts).
  const named = appointmentNames(z, bundle, { contacts: false });
  if (run.mode !== 'poll') return named(all);
  const floor = floorOf(run.state?.mark, run.startedAt);
  return named(all.filter((a) => !a.dateAdded || timeOf(a.dateAdded) >= floor));
};

const Seen = lazy(() => zod.object({ mark: zod.string(), seen: zod.array(zod.tuple([zod.string(), zod.string()])) }));

/**
 * Appointment Updated: an appointment is reported when what a person sees on it (`appointmentFingerprint`) differs
 * from the previous poll, so a save that changes nothing reports nothing and a change back to an earlier value is
 * reported again. One the Zap has not seen before (booked since, or just entered the window) is reported only if it
 * was changed after booking, since the previous poll. The id is `<appointment id>:<dateUpdated>`. The remembered set
 * is the whole window, read completely each poll.
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
  await run.save({
    mark: laterDate(
      run.state?.mark,
      all.reduce((newest, a) => laterDate(newest, a.dateUpdated), ''),
    ),
    seen: prints,
  });
  const named = appointmentNames(z, bundle, { contacts: false });
  if (run.mode === 'list' || run.mode === 'seed') return named(byNewest(all.filter(wasChanged).filter(wanted)).map(toAppointmentChange));
  if (run.mode === 'reseed' || !run.state) return [];
  const before = new Map(run.state.seen);
  const floor = floorOf(run.state.mark, run.startedAt);
  const changed = all.filter((a, i) => {
    const was = before.get(a.id);
    return was === undefined ? wasChanged(a) && timeOf(a.dateUpdated) >= floor : was !== prints[i]?.[1];
  });
  return named(byNewest(changed.filter(wanted)).map(toAppointmentChange));
};
