import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { FORM_DROPDOWN } from '../lib/dropdowns';
import { SUBMISSION_MAX_PAGES, SUBMISSION_PAGE_SIZE, recentSubmissions } from '../lib/form/api';
import { formSubmissionOutputFields, formSubmissionSample } from '../lib/form/schema';
import { optionalId } from '../lib/input';

export const FORM_SUBMISSION_NEW_KEY = 'form_submission_new';

/**
 * GET /forms/submissions over the last days (docs/highlevel-api.md §6.12: the window is in whole days, and no webhook
 * exists): every page of the window, at most SUBMISSION_MAX_PAGES requests, newest first. Zapier dedupes on the
 * submission id, so a day read again triggers nothing twice.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => recentSubmissions(z, bundle, optionalId(z, 'Form', bundle.inputData.formId));

export default defineTrigger({
  key: FORM_SUBMISSION_NEW_KEY,
  noun: 'Form Submission',
  display: {
    label: 'New Form Submission',
    description:
      `Triggers when a form is submitted (one form, or any form of the location). Each check reads the submissions of the last two days, ` +
      `up to ${SUBMISSION_MAX_PAGES * SUBMISSION_PAGE_SIZE} (${SUBMISSION_MAX_PAGES} requests of ${SUBMISSION_PAGE_SIZE}).`,
  },
  operation: {
    type: 'polling',
    inputFields: [{ ...FORM_DROPDOWN, key: 'formId', label: 'Form', helpText: 'Only submissions of this form. Leave empty for every form of the location.' }],
    perform,
    sample: formSubmissionSample,
    outputFields: formSubmissionOutputFields,
  },
});
