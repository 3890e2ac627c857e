import { contactFromSearch, contactUrl } from '../../../lib/contact/schema';
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
});
