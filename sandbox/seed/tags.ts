import type { Prng } from '../prng';
import type { SandboxState } from '../state';

const TAG_NAMES = [
  'new lead',
  'vip',
  'reformer',
  'mat class',
  'intro offer',
  'newsletter',
  'member',
  'trial',
  'prenatal',
  'private session',
  'corporate',
  'lapsed',
  'referral',
  '10-class pass',
  'instagram',
];

/** The location's tag list (stored lower-case, as HighLevel does). */
export function seedTags(state: SandboxState, prng: Prng): void {
  for (const name of TAG_NAMES) {
    const id = prng.id();
    state.tags.set(id, { id, name, locationId: state.location.id });
  }
}
