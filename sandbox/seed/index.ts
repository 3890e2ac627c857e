import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import { seedBusinesses } from './businesses';
import { seedCalendars } from './calendars';
import { seedCustomFields } from './custom_fields';
import { seedLocation } from './location';
import { seedTags } from './tags';
import { seedUsers } from './users';

export { seedActivity } from './activity';
export { seedAutomation } from './automation';
export { seedSales } from './sales';
export { seedContacts } from './contacts';

/**
 * Deterministic seed data for one realistic sub-account (a Pilates studio in Berlin). The order matters: every
 * step draws from the same PRNG, so reordering changes every id after it.
 */
export function seedBase(state: SandboxState, prng: Prng, allowDuplicateContact: boolean): void {
  seedLocation(state, prng, allowDuplicateContact);
  seedUsers(state, prng);
  seedTags(state, prng);
  seedCustomFields(state, prng);
  seedCalendars(state, prng);
  seedBusinesses(state, prng);
}
