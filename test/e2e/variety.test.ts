import { VARIETY_SEEDS } from '../../sandbox';
import { apiWrite, connect, disconnect, type Connected } from './helpers';

type Row = Record<string, unknown> & { id: string };

/**
 * The app's outputs are right under every reading of HighLevel's variety (sandbox/variety.ts, issue 15): under each of
 * VARIETY_SEEDS (which between them give both readings of every variety) the same contact and appointment come out
 * with the same values, whether the answers carried `*Raw` names, the street under `address`, thin search items, a
 * date of birth as epoch ms, or zone-less appointment times.
 */
describe.each(VARIETY_SEEDS)('end to end: outputs true to what HighLevel sends (seed %i)', (seed) => {
  let c: Connected;
  let contactId: string;
  let fieldId: string;
  const email = 'ada.variety@example.com';

  beforeAll(async () => {
    c = await connect({ seed, contacts: 30 });
    const field = [...c.sandbox.state.customFields.values()].find((f) => f.dataType === 'TEXT' && f.fieldKey.startsWith('contact.'));
    if (!field) throw new Error('the sandbox seeds a TEXT custom field');
    fieldId = field.id;
    const created = await apiWrite(c, 'POST', '/contacts/', {
      locationId: c.sandbox.locationId,
      firstName: 'Ada',
      lastName: 'McDonald',
      email,
      address1: 'Torstraße 1',
      dateOfBirth: '1990-09-25',
      customFields: [{ id: fieldId, field_value: 'variety-check' }],
    });
    contactId = (created.contact as Row).id;
    const business = [...c.sandbox.state.businesses.values()][0];
    const stored = c.sandbox.state.contacts.get(contactId);
    if (!business || !stored) throw new Error('the sandbox seeds businesses');
    stored.businessId = business.id; // a direct edit: no API write links a contact to a business in v2
    stored.additionalPhones = ['+493012345678'];
    c.sandbox.catchUpSearch();
  });
  afterAll(async () => {
    await disconnect(c);
  });

  /** The values of the app's output fields a user maps: the same under every reading. */
  const expectAda = (row: Row | undefined, names: { first: string; last: string }) => {
    expect(row).toMatchObject({
      id: contactId,
      firstName: names.first,
      lastName: names.last,
      email,
      address1: 'Torstraße 1',
      dateOfBirth: '1990-09-25',
    });
  };
  const realCase = { first: 'Ada', last: 'McDonald' };

  it('full contacts (by id, by email): the real-case names, HighLevel’s own name, the street, a plain date of birth', async () => {
    const [byId] = await c.runtime.search<Row>('contact_find_by_id', { contactId });
    expectAda(byId, realCase);
    expect(byId?.name).toBe('Ada McDonald');
    const [byEmail] = await c.runtime.search<Row>('contact_find', { email });
    expectAda(byEmail, realCase);
  });

  it('search items: the names as HighLevel sent them (lower-cased copies never re-cased), the street from either key; New Contact reads a thin item in full', async () => {
    // Thin items carry only the lower-cased names; the app keeps them as they are rather than guess the case.
    const names = c.sandbox.variety.searchItems === 'full' ? realCase : { first: 'ada', last: 'mcdonald' };
    const byField = await c.runtime.search<Row>('contact_find_by_custom_field', { customFieldId: fieldId, value: 'variety-check' });
    expect(byField).toHaveLength(1);
    expectAda(byField[0], names);
    const business = c.sandbox.state.contacts.get(contactId)?.businessId as string;
    const byBusiness = await c.runtime.search<Row>('contact_find_by_business', { businessId: business });
    expectAda(
      byBusiness.find((r) => r.id === contactId),
      names,
    );
    // The polling trigger passes on the contact in full, as its instant twin does (a thin item read by id).
    const fresh = await c.runtime.trigger<Row>('contact_new', {}, { limit: 100 });
    expectAda(
      fresh.find((r) => r.id === contactId),
      realCase,
    );
  });

  it('appointments of a contact: the same instant whether HighLevel sent it with an offset or without a zone', async () => {
    const calendarId = [...c.sandbox.state.calendars.values()][0]?.id as string;
    const [slots] = await c.runtime.search<Row>('calendar_free_slots', {
      calendarId,
      startDate: '2030-01-07',
      endDate: '2030-01-11',
      timeZone: 'Europe/Berlin',
    });
    const slot = String(slots?.firstSlot);
    const booked = await apiWrite(
      c,
      'POST',
      '/calendars/events/appointments',
      { calendarId, locationId: c.sandbox.locationId, contactId, startTime: slot },
      '2021-04-15',
    );
    const found = await c.runtime.search<Row>('appointment_find_by_contact', { contactId, upcomingOnly: true });
    const mine = found.find((a) => a.id === booked.id);
    expect(Date.parse(String(mine?.startTime))).toBe(Date.parse(slot));
    expect(Date.parse(String(mine?.endTime))).toBe(Date.parse(String(booked.endTime)));
  });
});
