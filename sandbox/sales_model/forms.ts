import { DateTime } from 'luxon';
import type { SandboxState } from '../state';
import type { FormSubmission } from '../types';

/**
 * A form submission as HighLevel stores it (spec: FormsSubmissionsSubmissionsSchema): the answers keyed by field in
 * `others`, with `eventData` (where it was submitted) and `fieldsOriSequance` (sic, the field order).
 */
export interface SubmitForm {
  formId: string;
  contactId: string;
  name?: string;
  email?: string;
  /** Answers keyed by field key (`first_name`, `email`, a custom field id, …). */
  answers?: Record<string, unknown>;
  /** Default: the sandbox's clock. */
  at?: Date;
  pageUrl?: string;
}

export function submitForm(state: SandboxState, input: SubmitForm, id = state.newUuid()): FormSubmission {
  const contact = state.contacts.get(input.contactId);
  const form = state.automation.forms.get(input.formId);
  const name = input.name ?? contact?.name ?? '';
  const email = input.email ?? contact?.email ?? '';
  const answers = { full_name: name, email, ...(input.answers ?? {}) };
  const at = input.at ?? state.now();
  const submission: FormSubmission = {
    id,
    formId: input.formId,
    contactId: input.contactId,
    name,
    email,
    createdAt: at.toISOString(),
    others: {
      ...answers,
      eventData: {
        type: 'page-visit',
        source: 'Direct traffic',
        medium: 'form',
        mediumId: input.formId,
        parentId: input.formId,
        parentName: form?.name ?? '',
        page: { url: input.pageUrl ?? `https://pilatesstudio-berlin.example/forms/${input.formId}`, title: form?.name ?? '' },
        domain: 'pilatesstudio-berlin.example',
        timestamp: at.getTime(),
      },
      fieldsOriSequance: Object.keys(answers),
    },
  };
  state.automation.submissions.set(submission.id, submission);
  return submission;
}

/** The calendar day of an instant in the location's time zone (the sandbox reads startAt/endAt days there). */
export function localDay(state: SandboxState, iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(state.location.timezone).toFormat('yyyy-MM-dd');
}
