import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { contactUrl } from '../contact/schema';
import { asRecord, defineObject, field, type OutputOf } from '../schema/define';
import { isoDate } from '../schema/values';

/**
 * A form submission (docs/highlevel-api.md §6.12; spec: forms.json FormsSubmissionsSubmissionsSchema): `{id, contactId,
 * createdAt, formId, name, email, others}`, where `others` holds the answers keyed by field, `eventData` (the page it
 * was sent from) and `fieldsOriSequance` (sic, the order of the fields). No webhook event exists for it (§6.12).
 */
export const Form = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string().catch('') }));
export type Form = z.infer<typeof Form>;

export const formSubmissionDef = defineObject({
  id: field.id('Submission ID'),
  formId: field.text('Form ID'),
  contactId: field.text('Contact ID'),
  name: field.text('Name'),
  email: field.text('Email'),
  createdAt: field.datetime('Submitted At'),
  pageUrl: field.text('Page URL'),
  pageTitle: field.text('Page Title'),
  source: field.text('Traffic Source'),
  answersText: field.text('Answers (one per line)'),
  answers: field.hidden(() => zod.record(zod.string(), zod.unknown()), {}, 'Answers'),
  contactUrl: field.text('Contact URL'),
});
export type FormSubmissionOutput = OutputOf<typeof formSubmissionDef.fields>;

export const FormSubmissionAnswer = lazy(() => zod.looseObject({ id: zod.string() }));

/** Keys of `others` that describe the submission rather than answer a field. */
const NOT_ANSWERS = new Set(['eventData', 'fieldsOriSequance']);

const show = (value: unknown): string =>
  Array.isArray(value) ? value.map(show).join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

export const formSubmissionFromRest = (raw: unknown, locationId = ''): FormSubmissionOutput => {
  const record = asRecord(raw);
  const s = formSubmissionDef.read(record);
  const others = asRecord(record.others);
  const event = asRecord(others.eventData);
  const page = asRecord(event.page);
  const answers = Object.fromEntries(Object.entries(others).filter(([key]) => !NOT_ANSWERS.has(key)));
  // In the order the form shows its fields (fieldsOriSequance), then any others.
  const order = Array.isArray(others.fieldsOriSequance) ? others.fieldsOriSequance.filter((k): k is string => typeof k === 'string') : [];
  const keys = [...order.filter((k) => k in answers), ...Object.keys(answers).filter((k) => !order.includes(k))];
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    ...record,
    ...s,
    createdAt: isoDate(s.createdAt),
    pageUrl: text(page.url),
    pageTitle: text(page.title),
    source: text(event.source),
    answers,
    answersText: keys.map((k) => `${k}: ${show(answers[k])}`).join('\n'),
    contactUrl: locationId && s.contactId ? contactUrl(locationId, s.contactId) : '',
  };
};

export const formSubmissionSample = {
  id: '38303ec7-629a-49e2-888a-cf8bf0b1f97e',
  formId: 'YSWdvS4Is98wtIDGnpmI',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  name: 'Lena Vogt',
  email: 'lena.vogt@example.com',
  createdAt: '2026-06-12T08:41:02.000Z',
  pageUrl: 'https://pilatesstudio-berlin.example/trial',
  pageTitle: 'Trial Class Signup',
  source: 'Direct traffic',
  answersText: 'full_name: Lena Vogt\nemail: lena.vogt@example.com\nmessage: I would like to try a reformer class.',
  answers: { full_name: 'Lena Vogt', email: 'lena.vogt@example.com', message: 'I would like to try a reformer class.' },
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies FormSubmissionOutput;

export const formSubmissionOutputFields = formSubmissionDef.outputFields;
