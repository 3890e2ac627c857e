import { DateTime } from 'luxon';
import type { Prng } from '../prng';
import { uuidFrom } from '../sales_model/store';
import type { SandboxState } from '../state';
import type { Contact, Opportunity, OpportunityStatus, Pipeline } from '../types';

/** Two pipelines of the studio: its trainee programme and its membership sales (docs/highlevel-api.md §6.10). */
const PIPELINES: readonly [string, readonly string[]][] = [
  ['Trainees', ['Enrolled', 'In Progress', 'Completed']],
  ['Studio Memberships', ['New Lead', 'Trial Booked', 'Offer Sent', 'Negotiation']],
];
const LOST_REASONS = ['Too expensive', 'Chose another studio', 'No response'];
const STATUSES: readonly OpportunityStatus[] = ['open', 'open', 'won', 'lost', 'open', 'abandoned'];

const uuid = (prng: Prng) => uuidFrom(`${prng.hexId()}${prng.hexId()}`);

function seedPipelines(state: SandboxState, prng: Prng): Pipeline[] {
  return PIPELINES.map(([name, stages]) => {
    const pipeline: Pipeline = {
      id: prng.id(),
      name,
      stages: stages.map((stage, position) => ({ id: uuid(prng), name: stage, position, showInFunnel: true, showInPieChart: true })),
      showInFunnel: true,
      showInPieChart: true,
      locationId: state.location.id,
    };
    state.sales.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  });
}

/**
 * Pipelines, lost reasons and one membership opportunity on each of the first six seeded contacts (various stages and
 * statuses; one per contact and pipeline, as the location does not allow duplicates).
 */
export function seedSales(state: SandboxState, prng: Prng, contacts: readonly Contact[]): void {
  const [, memberships] = seedPipelines(state, prng);
  const created = DateTime.fromJSDate(state.now()).toUTC();
  const lostReasonIds = LOST_REASONS.map((name) => {
    const id = prng.id();
    const at = created.minus({ days: 90 }).toISO() ?? '';
    state.sales.lostReasons.set(id, { id, name, locationId: state.location.id, createdAt: at, updatedAt: at });
    return id;
  });
  const userIds = [...state.users.keys()];
  if (!memberships) return;
  contacts.slice(0, 6).forEach((contact, i) => {
    const stage = memberships.stages[i % memberships.stages.length];
    const status = STATUSES[i] ?? 'open';
    const createdAt = DateTime.fromISO(contact.dateAdded).plus({ hours: 2 });
    const changedAt =
      createdAt
        .plus({ days: 1 + i })
        .toUTC()
        .toISO() ?? '';
    const opportunity: Opportunity = {
      id: prng.id(),
      name: `${contact.name ?? 'Client'}: ${['10-class card', 'Annual membership', 'Reformer package'][i % 3]}`,
      monetaryValue: [149, 1290, 390][i % 3] ?? 0,
      pipelineId: memberships.id,
      pipelineStageId: stage?.id ?? '',
      assignedTo: prng.pick(userIds),
      status,
      source: 'Website',
      lastStatusChangeAt: status === 'open' ? (createdAt.toUTC().toISO() ?? '') : changedAt,
      lastStageChangeAt: changedAt,
      lastActionDate: changedAt,
      createdAt: createdAt.toUTC().toISO() ?? '',
      updatedAt: changedAt,
      contactId: contact.id,
      locationId: state.location.id,
      customFields: [],
      followers: [],
    };
    if (status === 'lost') opportunity.lostReasonId = lostReasonIds[i % lostReasonIds.length];
    state.sales.opportunities.set(opportunity.id, opportunity);
  });
}
