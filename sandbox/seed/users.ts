import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import type { User } from '../types';
import { ascii } from './text';

const USER_SEED: readonly [string, string, string][] = [
  ['Katharina', 'Vogel', 'owner'],
  ['Jonas', 'Brandt', 'admin'],
  ['Miriam', 'Okafor', 'user'],
  ['Tim', 'Lorenz', 'user'],
  ['Elena', 'Rossi', 'user'],
];

const PERMISSION_KEYS = [
  'campaignsEnabled',
  'contactsEnabled',
  'workflowsEnabled',
  'triggersEnabled',
  'funnelsEnabled',
  'opportunitiesEnabled',
  'dashboardStatsEnabled',
  'appointmentsEnabled',
  'conversationsEnabled',
  'settingsEnabled',
  'tagsEnabled',
  'marketingEnabled',
];

function userPermissions(admin: boolean): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const key of PERMISSION_KEYS) out[key] = admin || !['settingsEnabled', 'workflowsEnabled'].includes(key);
  out.assignedDataOnly = !admin;
  return out;
}

/** Five staff users; the first (the owner) is the user tokens are issued for. */
export function seedUsers(state: SandboxState, prng: Prng): void {
  USER_SEED.forEach(([firstName, lastName, role], i) => {
    const user: User = {
      id: prng.id(),
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}@pilatesstudio-berlin.example`,
      phone: `+49151${String(20000000 + i * 1111111)}`,
      extension: '',
      permissions: userPermissions(role !== 'user'),
      roles: { type: 'account', role: role === 'owner' ? 'admin' : role, locationIds: [state.location.id], restrictSubAccount: false },
      deleted: false,
      platformLanguage: i === 4 ? 'en_US' : 'de',
    };
    state.users.set(user.id, user);
  });
}
