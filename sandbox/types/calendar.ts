/** Calendars and appointments (docs/highlevel-api.md §6.5, §7). */

export interface Appointment {
  id: string;
  calendarId: string;
  locationId: string;
  contactId: string;
  groupId: string;
  title: string;
  appointmentStatus: string;
  assignedUserId: string;
  users: string[];
  notes?: string;
  description?: string;
  address?: string;
  meetingLocationType?: string;
  /** ISO-8601 with the location's offset, no milliseconds (docs/highlevel-api.md §1 Timestamps). */
  startTime: string;
  endTime: string;
  dateAdded: string;
  dateUpdated: string;
  isRecurring: boolean;
  rrule?: string;
  assignedResources: string[];
  createdBy: { userId?: string; source: string };
}

export interface OpenHour {
  daysOfTheWeek: number[];
  hours: { openHour: number; openMinute: number; closeHour: number; closeMinute: number }[];
}

export interface TeamMember {
  userId: string;
  priority: number;
  isPrimary: boolean;
  meetingLocationType?: string;
}

export interface Calendar {
  id: string;
  locationId: string;
  groupId: string;
  name: string;
  description: string;
  slug: string;
  widgetSlug: string;
  calendarType: 'round_robin' | 'event' | 'class_booking' | 'collective' | 'service_booking' | 'personal';
  eventType?: 'RoundRobin_OptimizeForAvailability' | 'RoundRobin_OptimizeForEqualDistribution';
  eventTitle: string;
  eventColor: string;
  isActive: boolean;
  teamMembers: TeamMember[];
  slotDuration: number;
  slotDurationUnit: 'mins' | 'hours';
  slotInterval: number;
  slotIntervalUnit: 'mins' | 'hours';
  slotBuffer: number;
  slotBufferUnit: 'mins' | 'hours';
  appoinmentPerSlot: number;
  appoinmentPerDay: number;
  allowBookingAfter: number;
  allowBookingAfterUnit: 'hours' | 'days' | 'weeks' | 'months';
  allowBookingFor: number;
  allowBookingForUnit: 'days' | 'weeks' | 'months';
  openHours: OpenHour[];
  autoConfirm: boolean;
  allowReschedule: boolean;
  allowCancellation: boolean;
}
