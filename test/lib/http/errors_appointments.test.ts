import { mapGhlError } from '../../../lib/http/errors';

const map = (status: number, body: unknown, action = 'booking the appointment') => mapGhlError({ status, body, action, header: () => undefined });

describe('mapGhlError: calendar and appointment answers', () => {
  it.each([
    [400, 'The slot you have selected is no longer available.'],
    [422, ['The slot you have selected is no longer available']],
    [400, 'Slot not available'],
  ])('%i %j: the slot is taken → halt with what to do', (status, message) => {
    const mapped = map(status, { statusCode: status, message, traceId: 'tr-1' });
    expect(mapped.kind).toBe('halt');
    expect(mapped.message).toContain('That time is no longer free on this calendar; pick another time or set Ignore Free Slot Validation');
    expect(mapped.message).toMatch(/^HighLevel refused booking the appointment: /);
    expect(mapped.message).toContain('(HighLevel trace ID: tr-1)');
  });

  it('a time in the past → halt naming the switches that allow it', () => {
    const mapped = map(400, { statusCode: 400, message: 'Cannot book an appointment in the past' }, 'updating the appointment');
    expect(mapped.kind).toBe('halt');
    expect(mapped.message).toContain('That time is in the past');
    expect(mapped.message).toContain('Ignore Scheduling Notice and Date Range');
  });

  it.each([
    [400, 'Calendar not found', /no such calendar in this location/],
    [404, 'Calendar not found', /no such calendar in this location/],
    [422, ['calendarId is invalid', 'Invalid calendar'], /no such calendar in this location/],
    [400, 'Contact not found', /no such contact in this location.*Contact Email/],
    [404, 'Appointment not found', /no such appointment in this location.*Find Appointment/],
  ])('%i %j → an error the user can fix', (status, message, expected) => {
    const mapped = map(status, { statusCode: status, message });
    expect(mapped.kind).toBe('error');
    expect(mapped.message).toMatch(expected);
    expect(mapped.message).toContain('HighLevel said: ');
  });

  it('leaves other calendar answers to the general rules', () => {
    expect(map(422, { statusCode: 422, message: ['property foo should not exist'] }).message).toMatch(/some values are not valid.*Check the field "foo"/);
    expect(map(404, { statusCode: 404, message: 'Not Found' }, 'getting the calendar').message).toMatch(
      /could not find what was asked for while getting the calendar/,
    );
    expect(map(500, { statusCode: 500, message: 'Slot not available' }).message).toMatch(/server error \(500\)/);
  });

  it('does not touch other objects: "Contact not found" on a contact route keeps the general wording', () => {
    const mapped = map(404, { statusCode: 404, message: 'Contact not found' }, 'getting the contact');
    expect(mapped.message).toMatch(/could not find what was asked for while getting the contact/);
    expect(mapped.message).not.toContain('Contact Email');
  });
});
