import type { ZodType } from 'zod';
import { freeSlotsDef, freeSlotsSample } from './appointment/calendar';
import {
  appointmentChangeDef,
  appointmentChangeSample,
  appointmentDef,
  appointmentFromContactList,
  appointmentFromRest,
  appointmentFromWebhook,
  appointmentSample,
} from './appointment/schema';
import {
  contactChangeDef,
  contactChangeSample,
  contactDef,
  contactFromRest,
  contactFromSearch,
  contactFromWebhook,
  contactSample,
  tagAddedDef,
  tagAddedSample,
  upsertDef,
  upsertSample,
} from './contact/schema';
import { noteDef, noteFromRest, noteFromWebhook, noteSample } from './note/schema';
import {
  opportunityChangeDef,
  opportunityChangeSample,
  opportunityDef,
  opportunityFromRest,
  opportunityFromSearch,
  opportunityFromWebhook,
  opportunitySample,
  opportunityUpsertDef,
  opportunityUpsertSample,
} from './opportunity/schema';
import { profileDef, profileSample } from './profile/schema';
import type { OutputField } from './schema/define';
import { campaignMembershipDef, campaignMembershipSample, workflowMembershipDef, workflowMembershipSample } from './automation/schema';
import { formSubmissionDef, formSubmissionFromRest, formSubmissionSample } from './form/schema';
import { contactTagsDef, contactTagsSample, tagDef, tagFromRest, tagSample } from './tag/schema';
import { taskDef, taskFromRest, taskFromSearch, taskFromWebhook, taskSample } from './task/schema';

/**
 * Every HighLevel object the app outputs, with its schema, its sample, a parser for each shape HighLevel sends it in
 * and the recorded answers (test/fixtures) and official webhook payloads (docs/highlevel-api.md §9.2) of each shape.
 * The tests iterate this list: a new object is checked as soon as it is listed here.
 */
export type Shape = 'rest' | 'search' | 'contactList' | 'webhook';

export interface ObjectEntry {
  name: string;
  /** Exact form of a sample (strict) and of any output (types right, dates may be empty). */
  strict: ZodType;
  output: ZodType;
  outputFields: OutputField[];
  sample: Record<string, unknown>;
  /** One parser per shape; each gives the same output for the same record. */
  parse: Partial<Record<Shape, (raw: unknown) => Record<string, unknown>>>;
  /** Files in test/fixtures holding this object in a given shape (inside its envelope). */
  fixtures: { file: string; shape: Shape }[];
  /** `kind` of the official payloads (payload files of HighLevel's docs and issues) that carry this object. */
  payloadKinds: string[];
}

const variant = (name: string, def: { strict: ZodType; output: ZodType; outputFields: OutputField[] }, sample: Record<string, unknown>): ObjectEntry => ({
  name,
  ...def,
  sample,
  parse: {},
  fixtures: [],
  payloadKinds: [],
});

export const objects: ObjectEntry[] = [
  {
    name: 'contact',
    ...contactDef,
    sample: contactSample,
    parse: { rest: contactFromRest, search: contactFromSearch, webhook: contactFromWebhook },
    fixtures: [
      { file: 'contact.json', shape: 'rest' },
      { file: 'contact_update.json', shape: 'rest' },
      { file: 'contact_upsert.json', shape: 'rest' },
      { file: 'contact_business.json', shape: 'rest' },
      { file: 'contact_search.json', shape: 'search' },
      { file: 'contact_search_raw_names.json', shape: 'search' },
    ],
    payloadKinds: ['contact', 'contact-customfields'],
  },
  variant('contact change', contactChangeDef, contactChangeSample),
  variant('contact upsert', upsertDef, upsertSample),
  variant('contact tag added', tagAddedDef, tagAddedSample),
  {
    name: 'task',
    ...taskDef,
    sample: taskSample,
    parse: { rest: taskFromRest, search: taskFromSearch, webhook: taskFromWebhook },
    fixtures: [
      { file: 'task.json', shape: 'rest' },
      { file: 'tasks.json', shape: 'rest' },
      { file: 'task_search.json', shape: 'search' },
    ],
    payloadKinds: ['task'],
  },
  {
    name: 'note',
    ...noteDef,
    sample: noteSample,
    parse: { rest: noteFromRest, webhook: noteFromWebhook },
    fixtures: [
      { file: 'note.json', shape: 'rest' },
      { file: 'notes.json', shape: 'rest' },
    ],
    payloadKinds: ['note'],
  },
  {
    name: 'appointment',
    ...appointmentDef,
    sample: appointmentSample,
    parse: { rest: appointmentFromRest, contactList: appointmentFromContactList, webhook: appointmentFromWebhook },
    fixtures: [
      { file: 'appointment.json', shape: 'rest' },
      { file: 'appointment_created.json', shape: 'rest' },
      { file: 'appointment_events.json', shape: 'rest' },
      { file: 'appointment_contact_events.json', shape: 'contactList' },
    ],
    payloadKinds: ['appointment-webhook'],
  },
  variant('appointment change', appointmentChangeDef, appointmentChangeSample),
  { name: 'tag', ...tagDef, sample: tagSample, parse: { rest: tagFromRest }, fixtures: [], payloadKinds: [] },
  variant('contact tags', contactTagsDef, contactTagsSample),
  variant('free slots', freeSlotsDef, freeSlotsSample),
  {
    name: 'opportunity',
    ...opportunityDef,
    sample: opportunitySample,
    parse: { rest: opportunityFromRest, search: opportunityFromSearch, webhook: opportunityFromWebhook },
    fixtures: [
      { file: 'opportunity.json', shape: 'rest' },
      { file: 'opportunity_search.json', shape: 'search' },
    ],
    // The seven Opportunity* events of docs/highlevel-api.md §6.10. Issue #87's custom-value fragment has no id:
    // test/lib/opportunity/schema.test.ts reads it.
    payloadKinds: ['opportunity'],
  },
  variant('opportunity change', opportunityChangeDef, opportunityChangeSample),
  variant('opportunity upsert', opportunityUpsertDef, opportunityUpsertSample),
  variant('workflow membership', workflowMembershipDef, workflowMembershipSample),
  variant('campaign membership', campaignMembershipDef, campaignMembershipSample),
  {
    name: 'form submission',
    ...formSubmissionDef,
    sample: formSubmissionSample,
    parse: { rest: formSubmissionFromRest },
    fixtures: [{ file: 'form_submissions.json', shape: 'rest' }],
    payloadKinds: [],
  },
  variant('contact profile', profileDef, profileSample),
];
