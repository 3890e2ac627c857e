import type { PlainInputField } from 'zapier-platform-core';
import { CONTACT_FIND_KEY } from '../../searches/contact_find';
import { CONTACT_DROPDOWN } from './dropdowns';

/**
 * The "which contact" field of actions that work on an existing contact: a dropdown of contacts, plus a search
 * connector so a Zap can look the contact up by email or phone in an earlier step (Zapier asks for both, D004/D014).
 */
export const contactIdField = (helpText = 'Contact to work on. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'): PlainInputField => ({
  key: 'contactId',
  label: 'Contact',
  required: true,
  ...CONTACT_DROPDOWN,
  search: `${CONTACT_FIND_KEY}.id`,
  helpText,
});
