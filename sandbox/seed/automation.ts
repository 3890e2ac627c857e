import { DateTime } from 'luxon';
import type { Prng } from '../prng';
import { submitForm } from '../sales_model/forms';
import { uuidFrom } from '../sales_model/store';
import type { SandboxState } from '../state';
import type { Contact } from '../types';

/** Workflows (UUIDs, one a draft), campaigns (one a draft), two forms and a few submissions (docs/highlevel-api.md §6.11–§6.12). */
const WORKFLOWS: readonly [string, string][] = [
  ['New Lead Nurture', 'published'],
  ['Trainee Onboarding', 'published'],
  ['Win-back Lapsed Members', 'draft'],
];
const CAMPAIGNS: readonly [string, string][] = [
  ['Welcome Series', 'published'],
  ['Spring Promo 2026', 'draft'],
];
const FORMS = ['Trial Class Signup', 'Contact Us'];

export function seedAutomation(state: SandboxState, prng: Prng, contacts: readonly Contact[]): void {
  const now = DateTime.fromJSDate(state.now()).toUTC();
  const since = now.minus({ days: 120 }).toISO() ?? '';
  WORKFLOWS.forEach(([name, status], i) => {
    const id = uuidFrom(`${prng.hexId()}${prng.hexId()}`);
    state.automation.workflows.set(id, { id, name, status, version: i + 1, createdAt: since, updatedAt: since, locationId: state.location.id });
  });
  for (const [name, status] of CAMPAIGNS) {
    const id = prng.id();
    state.automation.campaigns.set(id, { id, name, status, locationId: state.location.id });
  }
  const formIds = FORMS.map((name) => {
    const id = prng.id();
    state.automation.forms.set(id, { id, name, locationId: state.location.id });
    return id;
  });
  // Submissions on the first contacts, 2 to 12 days ago: inside the default window (the last month).
  contacts.slice(0, 4).forEach((contact, i) => {
    const formId = formIds[i % formIds.length] ?? '';
    submitForm(
      state,
      {
        formId,
        contactId: contact.id,
        at: now.minus({ days: 2 + i * 3, hours: i }).toJSDate(),
        answers: { message: `I would like to try a class (${i + 1}).` },
      },
      uuidFrom(`${prng.hexId()}${prng.hexId()}`),
    );
  });
}
