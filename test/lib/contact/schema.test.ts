import { contactFromRest, contactFromSearch, contactFromWebhook, contactUrl, personNames } from '../../../lib/contact/schema';
import search from '../../fixtures/contact_search.json';

describe('lib/contact/schema', () => {
  it('leaves out the search cursor and the lower-cased and raw copies of the names', () => {
    const contact = contactFromSearch(search.contacts[1]);
    for (const key of ['searchAfter', 'firstNameLowerCase', 'lastNameLowerCase', 'fullNameLowerCase', 'emailLowerCase', 'firstNameRaw', 'lastNameRaw']) {
      expect(contact).not.toHaveProperty(key);
    }
    expect(contact.firstName).toBe('Lena');
  });

  it('links to the white-label app domain when GHL_APP_BASE_URL is set, app.gohighlevel.com otherwise', () => {
    const item = { id: 'ocQHyuzHvysMo5N5VsXc', locationId: 've9EPM428h8vShlRW1KT' };
    expect(contactFromSearch(item).url).toBe('https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc');
    process.env.GHL_APP_BASE_URL = 'https://app.myagency.example.com/';
    try {
      expect(contactFromSearch(item).url).toBe('https://app.myagency.example.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc');
      process.env.GHL_APP_BASE_URL = 'http://app.myagency.example.com';
      expect(() => contactFromSearch(item)).toThrow(/GHL_APP_BASE_URL must use https/);
    } finally {
      delete process.env.GHL_APP_BASE_URL;
    }
  });

  it('links nothing rather than throw for ids that are not ids (issue 21: a broken character made encodeURIComponent throw URIError)', () => {
    expect(contactUrl('ve9EPM428h8vShlRW1KT', 'ocQHyu\ud800')).toBe('');
    expect(contactUrl('ve9EPM\udc00', 'ocQHyuzHvysMo5N5VsXc')).toBe('');
    expect(contactUrl('ve9EPM428h8vShlRW1KT', '..')).toBe('');
    expect(contactFromSearch({ id: 'ocQHyu\ud800', locationId: 've9EPM428h8vShlRW1KT' }).url).toBe('');
  });

  describe('the full name is never lower than its parts (issue 21)', () => {
    it('search item: a lower-cased contactName beside real-case parts gives the parts their case', () => {
      expect(contactFromSearch({ id: 'x', firstName: 'John', lastName: 'Doe', contactName: 'john doe' }).name).toBe('John Doe');
      // The raw copies are the real case where firstName / lastName are lower-cased beside them.
      const raw = contactFromSearch({ id: 'x', firstName: 'john', lastName: 'doe', firstNameRaw: 'John', lastNameRaw: 'McDoe', contactName: 'john mcdoe' });
      expect([raw.name, raw.firstName, raw.lastName]).toEqual(['John McDoe', 'John', 'McDoe']);
      expect(raw).not.toHaveProperty('contactName');
    });

    it('REST answer and webhook body: the same rule for `name` and `contactName`', () => {
      expect(contactFromRest({ id: 'x', name: 'ada mckay', firstNameRaw: 'Ada', lastNameRaw: 'McKay' }).name).toBe('Ada McKay');
      const event = contactFromWebhook({ type: 'ContactCreate', id: 'x', locationId: 'l', firstName: 'John', lastName: 'Deo', contactName: 'john deo' });
      expect([event.name, event.firstName, event.lastName]).toEqual(['John Deo', 'John', 'Deo']);
      expect(event).not.toHaveProperty('contactName');
    });

    it('keeps what the whole has beyond the parts, and never lowers a capital the whole has', () => {
      expect(personNames({ firstName: 'John', lastName: 'Doe', contactName: 'john doe jr' }).name).toBe('John Doe jr');
      expect(personNames({ firstName: 'John', lastName: 'Doe', name: 'Dr. john doe' }).name).toBe('Dr. John Doe');
      // Lower-cased parts (thin search items) never lower HighLevel's own real-case name.
      expect(personNames({ firstNameLowerCase: 'ada', lastNameLowerCase: 'mckay', name: 'Ada McKay' }).name).toBe('Ada McKay');
      expect(personNames({ firstName: 'ADA', name: 'Ada' }).name).toBe('ADA');
      // A whole that is not the parts (HighLevel puts the email there when a contact has no name) stays as it is.
      expect(personNames({ contactName: 'ada@example.com' }).name).toBe('ada@example.com');
      expect(personNames({ firstName: 'Ada', lastName: 'van der Berg' }).name).toBe('Ada van der Berg');
      expect(personNames({ firstName: 'Ada', lastName: 'van der Berg', contactName: 'ada van der berg' }).name).toBe('Ada van der Berg');
    });
  });
});
