import nock from 'nock';
import { appointmentSample } from '../../lib/appointment/schema';
import { perform as performNew } from '../../triggers/appointment_new';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import { contactReads, firstPoll, laterPoll, newZap } from '../helpers/polls';
import calendars from '../fixtures/calendars.json';
import events from '../fixtures/appointment_events.json';

type Row = Record<string, unknown>;

atNow();

describe('triggers.appointment_new', () => {
  it("lists one calendar's window (epoch ms strings) and returns the newest bookings first", async () => {
    const scope = eventsOn(CAL);
    const results = (await appTester(performNew, { authData, inputData: { calendarId: CAL } }, true)) as Row[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ', 'Ap7kQ2mN4pR6sT8uV0wX', 'ApOld1aB2cD3eF4gH5iJ']);
    expect(Object.keys(results[1] ?? {})).toEqual(expect.arrayContaining(Object.keys(appointmentSample)));
  });

  it('watches every calendar with one request each, in parallel, deduping appointments seen twice', async () => {
    const list = nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).reply(200, calendars);
    const scopes = ['Cal3bD5fH7jL9nP1rT3v', 'CalGrp2hJ4kL6mN8pQ0r', 'CalOld7xY9zA1bC3dE5f'].map((id) =>
      eventsOn(id, id === 'CalGrp2hJ4kL6mN8pQ0r' ? { events: [events.events[1]] } : id === 'CalOld7xY9zA1bC3dE5f' ? { events: [] } : events),
    );
    const results = (await appTester(performNew, { authData, inputData: { calendarId: '' } }, true)) as Row[];
    expect(list.isDone() && scopes.every((s) => s.isDone())).toBe(true);
    expect(results).toHaveLength(3);
  });

  it('watches every calendar (up to 50, active ones first), 12 of them in parallel waves; the list is reused for 10 minutes', async () => {
    const many = Array.from({ length: 52 }, (_, i) => ({ id: `Cal${String(i).padStart(17, '0')}`, name: `C${i}`, isActive: i !== 0 }));
    const list = nock(API, CALENDARS_VERSION).get('/calendars/').query(true).once().reply(200, { calendars: many });
    const polled: string[] = [];
    nock(API, CALENDARS_VERSION)
      .get('/calendars/events')
      .query((q) => {
        polled.push(String(q.calendarId));
        return true;
      })
      .times(100)
      .reply(200, { events: [] });
    expect(await appTester(performNew, { authData, inputData: {} }, true)).toEqual([]);
    expect(list.isDone()).toBe(true);
    expect(polled).toHaveLength(50);
    expect(polled).not.toContain(many[0]?.id);
    // The next poll reads the calendar list from the cache: one request per calendar, nothing else.
    expect(await appTester(performNew, { authData, inputData: {} })).toEqual([]);
    expect(polled).toHaveLength(100);
  });

  it('after the first poll, passes on only bookings made since: a calendar watched for the first time does not flood old appointments', async () => {
    const zap = newZap();
    nock(API, CALENDARS_VERSION)
      .get('/calendars/events')
      .query(true)
      .reply(200, { events: [events.events[0]] });
    await appTester(performNew, { authData, inputData: { calendarId: CAL }, meta: firstPoll(zap) }, true);
    const booked = { ...events.events[1], id: 'ApBooked0000000000001', dateAdded: '2026-06-20T11:00:00.000Z' };
    const old = { ...events.events[2], id: 'ApOldElsewhere0000001', dateAdded: '2026-05-01T08:00:00.000Z' };
    nock(API, CALENDARS_VERSION)
      .get('/calendars/events')
      .query(true)
      .reply(200, { events: [events.events[0], booked, old] });
    // The new booking's contact is read, as the instant trigger reads it.
    const reads: string[] = [];
    nock(API, CONTACTS_VERSION)
      .get(/^\/contacts\/[^/]+$/)
      .times(5)
      .reply((uri) => {
        reads.push(uri.split('/').pop() ?? '');
        return [200, { contact: { id: uri.split('/').pop(), firstName: 'Lena', lastName: 'Vogt', contactName: 'lena vogt', email: 'lena.vogt@example.com' } }];
      });
    const results = (await appTester(performNew, { authData, inputData: { calendarId: CAL }, meta: laterPoll(zap) })) as Row[];
    // The one seen by the first poll is not passed on again (Zapier has it), nor the old one on the newly watched calendar.
    expect(results.map((r) => [r.id, r.contactName, r.contactEmail])).toEqual([['ApBooked0000000000001', 'Lena Vogt', 'lena.vogt@example.com']]);
    expect(reads).toEqual([booked.contactId]);
  });

  it('names the contacts of at most 10 new bookings a check (one read each); the others are held for the next check, then passed on once', async () => {
    const zap = newZap();
    const base = events.events[1] as Row;
    nock(API, CALENDARS_VERSION)
      .get('/calendars/events')
      .query(true)
      .reply(200, { events: [events.events[0]] });
    await appTester(performNew, { authData, inputData: { calendarId: CAL }, meta: firstPoll(zap) }, true);
    const booked = Array.from({ length: 12 }, (_, i) => ({
      ...base,
      id: `ApBulk${String(i).padStart(15, '0')}`,
      contactId: `CtBulk${String(i).padStart(14, '0')}`,
      dateAdded: new Date(Date.parse('2026-06-20T11:00:00.000Z') - i * 1000).toISOString(),
    }));
    const check = async () => {
      nock.cleanAll();
      nock(API, CALENDARS_VERSION)
        .get('/calendars/events')
        .query(true)
        .reply(200, { events: [events.events[0], ...booked] });
      const { ids: reads } = contactReads(/^\/contacts\/CtBulk\d+$/, (id) => [
        200,
        { contact: { id, firstName: 'Bulk', lastName: id.slice(-2), email: `${id}@example.com` } },
      ]);
      const items = (await appTester(performNew, { authData, inputData: { calendarId: CAL }, meta: laterPoll(zap) })) as Row[];
      return { items, reads };
    };
    const first = await check();
    expect(first.items.map((r) => r.id)).toEqual(booked.slice(0, 10).map((b) => b.id));
    expect(first.items.every((r) => r.contactName === `Bulk ${String(r.contactId).slice(-2)}`)).toBe(true);
    expect(first.reads.sort()).toEqual(booked.slice(0, 10).map((b) => b.contactId));
    const second = await check();
    expect([second.items.map((r) => [r.id, r.contactEmail]), second.reads.sort()]).toEqual([
      booked.slice(10).map((b) => [b.id, `${b.contactId}@example.com`]),
      booked.slice(10).map((b) => b.contactId),
    ]);
    expect(await check()).toEqual({ items: [], reads: [] });
    nock.cleanAll();
  });

  it('rejects a bad calendar id with no request sent', async () => {
    const scope = nock(API).get(/.*/).reply(200, events);
    const error = await thrown(appTester(performNew, { authData, inputData: { calendarId: '../x' } }, true));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(scope.isDone()).toBe(false);
  });

  it('names a calendar that no longer exists', async () => {
    nock(API, CALENDARS_VERSION).get('/calendars/events').query(true).reply(400, { statusCode: 400, message: 'Calendar not found' });
    expect((await thrown(appTester(performNew, { authData, inputData: { calendarId: CAL } }, true))).message).toMatch(/no such calendar in this location/);
  });
});
