import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { contactIdField } from '../contact/fields';
import { NOTE_DROPDOWN, USER_DROPDOWN } from '../dropdowns';
import { InvalidInput, checkId, text, validated, yesNo } from '../input';
import { NOTE_FIND_KEY } from '../keys';
import { DEFAULT_LOOKBACK_HOURS, MAX_LOOKBACK_HOURS, RECENT_CONTACTS } from './api';
import type { NoteOutput } from './schema';

/** Note input fields and the checks behind them, shared by the note triggers, actions and searches. */

/** The "which note" field: a dropdown of the chosen contact's notes; on actions also the Find Note search connector. */
export const noteIdField = (helpText: string, { connector = true }: { connector?: boolean } = {}): PlainInputField => ({
  ...NOTE_DROPDOWN,
  key: 'noteId',
  label: 'Note',
  required: true,
  ...(connector ? { search: `${NOTE_FIND_KEY}.id` } : {}),
  helpText,
});

export const noteFields = (variant: 'create' | 'update'): PlainInputField[] => [
  {
    key: 'body',
    label: 'Note Text',
    type: 'text',
    required: variant === 'create',
    helpText:
      variant === 'create'
        ? 'What the note says, e.g. `Session notes: wants the Q3 workshop offer.`'
        : 'New text of the note; replaces the old text. Leave empty to keep it.',
  },
  { key: 'title', label: 'Title', helpText: 'Short heading shown above the note, e.g. `Call with Lena`.' },
  {
    ...USER_DROPDOWN,
    key: 'userId',
    label: 'Author',
    helpText: "HighLevel user shown as the note's author. Choose one, or map a user ID such as `Yh3pQ5Wmg4rVd8xNt2Ke`.",
  },
  { key: 'pinned', label: 'Pinned', type: 'boolean', helpText: "Yes keeps the note at the top of the contact's notes." },
];

export const noteBody = (z: ZObject, input: Record<string, unknown>, variant: 'create' | 'update'): Record<string, unknown> =>
  validated(z, () => {
    const body: Record<string, unknown> = {};
    const noteText = text(input.body, 'Note Text');
    if (noteText) body.body = noteText;
    const title = text(input.title, 'Title');
    if (title) body.title = title;
    const userId = text(input.userId, 'Author');
    if (userId) body.userId = checkId(z, 'Author', userId);
    const pinned = yesNo('Pinned', input.pinned);
    if (pinned !== undefined) body.pinned = pinned;
    if (variant === 'create' && !body.body) throw new InvalidInput('Note Text is required: HighLevel does not create an empty note.');
    if (variant === 'update' && !Object.keys(body).length) {
      throw new InvalidInput('Fill in at least one of Note Text, Title, Author or Pinned: there is nothing to change.');
    }
    return body;
  });

/** Inputs of the note triggers: one contact, or (left empty) the recently updated contacts of the location. */
export const noteTriggerFields = (): PlainInputField[] => [
  contactIdField(
    `Watch the notes of this contact, e.g. \`ocQHyuzHvysMo5N5VsXc\`: every note of it is seen. Leave empty to watch the whole location: HighLevel has no list of all notes, so each check reads the notes of the ${RECENT_CONTACTS} most recently updated contacts (changed within **Hours to Look Back**) only, and a note added to a contact that did not otherwise change is not seen. For every note in the location, use the instant New Note trigger.`,
    { required: false, connector: false },
  ),
  {
    key: 'lookbackHours',
    label: 'Hours to Look Back',
    type: 'integer',
    default: String(DEFAULT_LOOKBACK_HOURS),
    helpText: `Only used when no contact is chosen: contacts updated within this many hours (1 to ${MAX_LOOKBACK_HOURS}) are checked for notes, e.g. \`24\`.`,
  },
];

/** The contact filter of the instant note triggers: HighLevel sends every location's note event to the relay. */
export const noteHookFields = (): PlainInputField[] => [
  contactIdField('Only notes of this contact, e.g. `ocQHyuzHvysMo5N5VsXc`. Leave empty for notes on every contact in the location.', {
    required: false,
    connector: false,
  }),
];

/** The contact filter of the note triggers, read (the instant triggers read it at subscribe too). */
export const noteWatch = (z: ZObject, inputData: Record<string, unknown>): string | undefined => {
  const contactId = validated(z, () => text(inputData.contactId, 'Contact'));
  return contactId ? checkId(z, 'Contact', contactId) : undefined;
};

export const watchesNote = (z: ZObject, inputData: Record<string, unknown>, note: Pick<NoteOutput, 'contactId'>): boolean => {
  const contactId = noteWatch(z, inputData);
  return !contactId || contactId === note.contactId;
};
