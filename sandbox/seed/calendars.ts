import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import type { Calendar, OpenHour, User } from '../types';

const WEEKDAYS_9_TO_5: OpenHour[] = [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] }];

function calendar(
  state: SandboxState,
  id: string,
  groupId: string,
  [name, calendarType, minutes, members]: [string, Calendar['calendarType'], number, User[]],
): Calendar {
  const slug = name.toLowerCase().replace(/\s+/g, '-');
  return {
    id,
    locationId: state.location.id,
    groupId,
    name,
    description: `${name} at Pilates Studio Berlin`,
    slug,
    widgetSlug: slug,
    calendarType,
    ...(calendarType === 'round_robin' ? { eventType: 'RoundRobin_OptimizeForAvailability' as const } : {}),
    eventTitle: `${name} with {{contact.name}}`,
    eventColor: '#039be5',
    isActive: true,
    teamMembers: members.map((u, i) => ({ userId: u.id, priority: 0.5, isPrimary: i === 0, meetingLocationType: 'address' })),
    slotDuration: minutes,
    slotDurationUnit: 'mins',
    slotInterval: 30,
    slotIntervalUnit: 'mins',
    slotBuffer: 0,
    slotBufferUnit: 'mins',
    appoinmentPerSlot: calendarType === 'class_booking' ? 8 : 1,
    appoinmentPerDay: 0,
    allowBookingAfter: 0,
    allowBookingAfterUnit: 'hours',
    allowBookingFor: 90,
    allowBookingForUnit: 'days',
    openHours: WEEKDAYS_9_TO_5,
    autoConfirm: true,
    allowReschedule: true,
    allowCancellation: true,
  };
}

/** Three calendars of one group: an event, a round robin, a class booking (8 per slot); weekdays 9–17. */
export function seedCalendars(state: SandboxState, prng: Prng): void {
  const users = [...state.users.values()];
  const groupId = prng.id();
  const seeds: [string, Calendar['calendarType'], number, User[]][] = [
    ['Intro Session', 'event', 30, users.slice(0, 1)],
    ['Private Reformer Session', 'round_robin', 60, users.slice(1, 4)],
    ['Mat Group Class', 'class_booking', 45, users.slice(2, 3)],
  ];
  for (const seed of seeds) {
    const c = calendar(state, prng.id(), groupId, seed);
    state.calendars.set(c.id, c);
  }
}
