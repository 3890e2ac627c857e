import nock from 'nock';
import { perform } from '../../creates/contact_create';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import contactFixture from '../fixtures/contact.json';
import customFieldsFixture from '../fixtures/custom_fields.json';

describe('creates.contact_create', () => {
  it('sends an allow-listed body with E.164 phone, ISO country and date, and returns the flat contact', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/', {
        locationId: LOCATION_ID,
        firstName: 'Lena',
        lastName: 'Vogt',
        email: 'lena.vogt@example.com',
        phone: '+491711234567',
        country: 'DE',
        dateOfBirth: '1988-05-12',
        tags: ['tc-enrolled', 'newsletter'],
        source: 'TrainerCentral',
      })
      .reply(201, contactFixture);

    const result = await appTester(perform, {
      authData,
      inputData: {
        firstName: 'Lena',
        lastName: 'Vogt',
        email: ' Lena.Vogt@Example.com ',
        phone: '0171 1234567',
        phoneCountry: 'DE',
        country: 'GERMANY',
        dateOfBirth: '05/12/1988',
        tags: ['tc-enrolled', 'newsletter, tc-enrolled'],
        source: 'TrainerCentral',
        city: '',
        website: '',
      },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc', name: 'Lena Vogt', country: 'DE' });
    expect(result).toHaveProperty('url', expect.stringContaining('/contacts/detail/ocQHyuzHvysMo5N5VsXc'));
  });

  it.each([
    [{ email: 'not-an-email' }, /Email "not-an-email" is not a valid email address/],
    [{ phone: '12' }, /Phone "12" is not a valid phone number/],
    [{ firstName: 'A', country: 'Atlantis' }, /Country "Atlantis" is not a country/],
    [{ firstName: 'A', dateOfBirth: 'someday' }, /Date of Birth "someday" is not a date/],
    [{ city: 'Köln' }, /Fill in at least one of Email, Phone, First Name or Last Name/],
    [{ firstName: 'A', timezone: 'Berlin time' }, /Time Zone "Berlin time" is not a time zone/],
    [{ firstName: 'A', assignedTo: '../users/x' }, /Assigned User "..\/users\/x" is not a valid HighLevel ID/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).post('/contacts/').reply(201, contactFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it("stops (halts) on HighLevel's duplicate rule and names the existing contact", async () => {
    nock(API, CONTACTS_VERSION)
      .post('/contacts/')
      .reply(400, {
        statusCode: 400,
        message: 'This location does not allow duplicated contacts.',
        meta: { contactId: 'dupContact123', matchingField: 'email' },
      });
    const error = await thrown(appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com' } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/contact dupContact123 already exists with the same email/);
  });

  it('turns a 422 message array into one readable message naming the fields', async () => {
    nock(API, CONTACTS_VERSION)
      .post('/contacts/')
      .reply(422, { statusCode: 422, message: ['property foo should not exist', 'email must be an email'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: { email: 'lena@example.com' } }));
    expect(error.message).toMatch(
      /HighLevel rejected creating the contact because some values are not valid: property foo should not exist; email must be an email\. Check the fields "foo", "email"\./,
    );
  });

  it('writes custom values as [{id, field_value}] and returns them under readable keys, with one field-list fetch', async () => {
    const fields = nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).once().reply(200, customFieldsFixture);
    const create = nock(API, CONTACTS_VERSION)
      .post('/contacts/', {
        locationId: LOCATION_ID,
        email: 'lena.vogt@example.com',
        customFields: [
          { id: 'kL9pM2xQ7rT4vW1yZ3aB', field_value: 'M' },
          { id: 'Nm3cD4eF5gH6iJ7kL8mN', field_value: 3 },
        ],
      })
      .reply(201, contactFixture);
    const result = await appTester(perform, {
      authData,
      inputData: { email: 'lena.vogt@example.com', cf_kL9pM2xQ7rT4vW1yZ3aB: 'M', cf_Nm3cD4eF5gH6iJ7kL8mN: '3', cf_Tx1aB2cD3eF4gH5iJ6kL: '' },
    });
    expect(fields.isDone() && create.isDone()).toBe(true);
    expect(result).toMatchObject({ custom: { t_shirt_size: 'M' }, customFields: [{ id: 'kL9pM2xQ7rT4vW1yZ3aB', value: 'M' }] });
  });

  it('rejects a bad custom value by name before creating anything', async () => {
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFieldsFixture);
    const create = nock(API).post('/contacts/').reply(201, contactFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { email: 'a@example.com', cf_kL9pM2xQ7rT4vW1yZ3aB: 'XXL' } }));
    expect(error.message).toMatch(/Custom field "T-shirt Size" does not have the option "XXL"/);
    expect(create.isDone()).toBe(false);
  });

  it('still reports a created contact whose answer has an odd field (a replay would create it twice)', async () => {
    nock(API, CONTACTS_VERSION)
      .post('/contacts/')
      .reply(201, { contact: { id: 'newContact0000000001', locationId: LOCATION_ID, email: 'odd@example.com', dnd: 'false', tags: 'vip', dateAdded: 12 } });
    const result = await appTester(perform, { authData, inputData: { email: 'odd@example.com' } });
    expect(result).toMatchObject({ id: 'newContact0000000001', email: 'odd@example.com', dnd: false, tags: [], dateAdded: null });
  });

  describe('Default Phone Country comes from the location', () => {
    // Each case uses a connection of its own, so the location read shared per connection (z.cache) starts empty.
    const connection = (locationId: string) => ({ ...authData, locationId });

    it("reads a national number in the location's country when Default Phone Country is empty", async () => {
      const locationId = 'LocBerlin00000000001';
      const location = nock(API, CONTACTS_VERSION)
        .get(`/locations/${locationId}`)
        .reply(200, { location: { id: locationId, country: 'DE', timezone: 'Europe/Berlin' } });
      const create = nock(API, CONTACTS_VERSION).post('/contacts/', { locationId, phone: '+491712345678' }).reply(201, contactFixture);
      await appTester(perform, { authData: connection(locationId), inputData: { phone: '0171 2345678' } });
      expect(location.isDone() && create.isDone()).toBe(true);
    });

    it('says how to fix a national number when the location has no country either, and writes nothing', async () => {
      const locationId = 'LocNoCountry00000001';
      nock(API, CONTACTS_VERSION)
        .get(`/locations/${locationId}`)
        .reply(200, { location: { id: locationId } });
      const create = nock(API).post('/contacts/').reply(201, contactFixture);
      const error = await thrown(appTester(perform, { authData: connection(locationId), inputData: { phone: '0171 2345678' } }));
      expect(error.message).toMatch(
        /Phone "0171 2345678" is not a valid phone number\. Add the country code \(e\.g\. \+1 555 123 4567\) or set Default Phone Country/,
      );
      expect(create.isDone()).toBe(false);
    });

    it('reads nothing when the number has its country code or Default Phone Country is filled in', async () => {
      const location = nock(API)
        .get(/^\/locations\/[^/?]+$/)
        .reply(200, { location: { country: 'US' } });
      nock(API, CONTACTS_VERSION).post('/contacts/', { locationId: LOCATION_ID, phone: '+491712345678' }).reply(201, contactFixture);
      await appTester(perform, { authData, inputData: { phone: '+49 171 2345678' } });
      nock(API, CONTACTS_VERSION).post('/contacts/', { locationId: LOCATION_ID, phone: '+491712345678' }).reply(201, contactFixture);
      await appTester(perform, { authData, inputData: { phone: '0171 2345678', phoneCountry: 'de' } });
      expect(location.isDone()).toBe(false);
      nock.cleanAll();
    });

    it('checks every other field before reading the location', async () => {
      const location = nock(API)
        .get(/^\/locations\/[^/?]+$/)
        .reply(200, { location: { country: 'DE' } });
      const error = await thrown(
        appTester(perform, { authData: connection('LocOther000000000001'), inputData: { phone: '0171 2345678', email: 'not-an-email' } }),
      );
      expect(error.message).toMatch(/Email "not-an-email" is not a valid email address/);
      expect(location.isDone()).toBe(false);
      nock.cleanAll();
    });
  });

  it.each([
    [{ firstName: { first: 'Lena' } }, /^First Name got an object where text is expected/],
    [{ email: 'a@example.com', tags: [{ name: 'vip' }] }, /^Tags got an object where text is expected/],
    [{ email: 'a@example.com', gender: 'constructor' }, /^Gender "constructor" is not one of: male, female\.$/],
    [{ email: 'a@example.com', gender: 'divers' }, /^Gender "divers" is not one of: male, female\.$/],
    [{ email: 'a@example.com', assignedTo: true }, /^Assigned User "true" is not a valid HighLevel ID/],
    [{ email: 'a@example.com', assignedTo: '-1' }, /^Assigned User "-1" is not a valid HighLevel ID/],
    [{ email: `${'x'.repeat(300)}@example.com` }, /^Email has 300 characters before the @/],
    [{ email: 'a@example.com', website: '123' }, /^Website "123" is not a web address/],
    [{ email: 'a@example.com', dateOfBirth: '1988-05-12T00:00:00+25:00' }, /has the UTC offset \+25:00/],
    [{ firstName: 'Lena\ud800' }, /^First Name contains a broken character/],
  ])('refuses input that would corrupt the contact (issue 11): %j', async (inputData, message) => {
    const scope = nock(API).post(/.*/).reply(201, contactFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });
});
