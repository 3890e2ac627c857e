import type { Prng } from '../prng';
import type { SandboxState } from '../state';

const SITE = 'https://pilatesstudio-berlin.example';
const LOGO = `${SITE}/logo.png`;
const ADDRESS = { address: 'Torstraße 101', city: 'Berlin', state: 'Berlin', country: 'DE', postalCode: '10119' };

/** The one sub-account: a Pilates studio in Berlin (`Europe/Berlin`). Draws the company and location ids. */
export function seedLocation(state: SandboxState, prng: Prng, allowDuplicateContact: boolean): void {
  const companyId = prng.id();
  const locationId = prng.id();
  state.location = {
    id: locationId,
    companyId,
    name: 'Pilates Studio Berlin',
    domain: 'pilatesstudio-berlin.example',
    ...ADDRESS,
    website: SITE,
    timezone: 'Europe/Berlin',
    firstName: 'Katharina',
    lastName: 'Vogel',
    email: 'hallo@pilatesstudio-berlin.example',
    phone: '+493012345678',
    logoUrl: LOGO,
    business: { name: 'Pilates Studio Berlin', ...ADDRESS, website: SITE, timezone: 'Europe/Berlin', logoUrl: LOGO },
    social: { instagram: 'https://instagram.com/pilatesstudio.berlin', facebookUrl: '' },
    settings: {
      allowDuplicateContact,
      allowDuplicateOpportunity: false,
      allowFacebookNameMerge: false,
      disableContactTimezone: false,
    },
  };
}
