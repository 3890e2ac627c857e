import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId, inputError, text, validated } from '../lib/input';
import { NOTE_FIND_KEY } from '../lib/keys';
import { contactNotes, getNote } from '../lib/note/api';
import { noteIdField } from '../lib/note/fields';
import { noteOutputFields, noteSample } from '../lib/note/schema';

export { NOTE_FIND_KEY };

/** By id: GET the note (404 → nothing found). By text: the contact's notes, newest first, whose text or title contain it. */
export const perform: SearchPerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const noteId = validated(z, () => text(bundle.inputData.noteId, 'Note'));
  const query = validated(z, () => text(bundle.inputData.text, 'Text'));
  if (!noteId && !query) throw inputError(z, 'Fill in Note or Text: the search needs something to look for.');
  if (noteId) {
    const note = await getNote(z, bundle, contactId, checkId(z, 'Note', noteId));
    return note ? [note] : [];
  }
  const wanted = (query ?? '').toLowerCase();
  const notes = await contactNotes(z, bundle, contactId, true);
  return notes.filter((n) => n.body.toLowerCase().includes(wanted) || n.title.toLowerCase().includes(wanted));
};

export default defineSearch({
  key: NOTE_FIND_KEY,
  noun: 'Note',
  display: {
    label: 'Find Note',
    description: 'Finds a note on a contact by its ID, or the newest note whose text or title contains some words.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact whose notes are searched, e.g. `ocQHyuzHvysMo5N5VsXc`.', { connector: false }),
      {
        ...noteIdField(
          "Find this exact note: choose one of the contact's notes, or map a note ID such as `Nt4rW8yB2dF6hJ0kL3mP`. Leave empty to search by text.",
          { connector: false },
        ),
        required: false,
      },
      {
        key: 'text',
        label: 'Text',
        helpText: "Words the note's text or title contains, ignoring upper and lower case, e.g. `Q3 workshop`. The newest matching note is used.",
      },
    ],
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
