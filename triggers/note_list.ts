import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { checkId, isEmpty } from '../lib/input';
import { NOTE_LIST_KEY } from '../lib/keys';
import { contactNotes } from '../lib/note/api';
import { noteLabel } from '../lib/note/schema';

/** Notes of the contact already chosen on the action, for the "Note ID" dropdowns; empty until a contact is chosen. */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const contactId: unknown = bundle.inputData.contactId;
  if (isEmpty(contactId)) return [];
  const notes = await contactNotes(z, bundle, checkId(z, 'Contact', contactId));
  return notes.map((note) => ({ id: note.noteId, label: noteLabel(note) }));
};

export default defineTrigger({
  key: NOTE_LIST_KEY,
  noun: 'Note',
  display: { label: 'List Notes', description: 'Triggers when a note is added to the chosen contact (lists notes for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'Nt4rW8yB2dF6hJ0kL3mP', label: 'Call with Lena (2026-06-12)' },
    outputFields: [
      { key: 'id', label: 'Note ID' },
      { key: 'label', label: 'Note' },
    ],
  },
});
