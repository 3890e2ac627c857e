import { DateTime } from 'luxon';
import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import { ascii } from './text';

const BUSINESS_NAMES = [
  'Spree Physio GmbH',
  'Kiezcafé Mitte',
  'Zalando SE',
  'Berliner Rücken Zentrum',
  'Studio Nordlicht Design',
  'Prenzlauer Berg Hebammen',
  'Tempelhof Tech UG',
  'Charité Sportmedizin',
  'Kreuzberg Coworking',
  'Friedrichshain Films',
];

/** Ten Berlin businesses (hex ids, like HighLevel's business ids), created by the owner over the past months. */
export function seedBusinesses(state: SandboxState, prng: Prng): void {
  const ownerId = [...state.users.values()][0]?.id ?? '';
  BUSINESS_NAMES.forEach((name, i) => {
    const created = DateTime.fromJSDate(state.now()).minus({ days: 30 + i * 20 });
    const id = prng.hexId();
    state.businesses.set(id, {
      id,
      name,
      phone: `+4930${prng.digits(8)}`,
      email: `info@${ascii(name)}.example`,
      website: `https://${ascii(name)}.example`,
      address: `${prng.pick(['Torstraße', 'Kastanienallee', 'Oranienstraße', 'Karl-Marx-Allee'])} ${prng.int(1, 180)}`,
      city: 'Berlin',
      state: 'Berlin',
      postalCode: String(prng.int(10115, 14199)),
      country: 'DE',
      description: `${name}, Berlin`,
      locationId: state.location.id,
      createdBy: { source: 'WEB_USER', sourceId: ownerId },
      updatedBy: { source: 'WEB_USER', sourceId: ownerId },
      createdAt: created.toUTC().toISO() ?? '',
      updatedAt: created.plus({ days: i }).toUTC().toISO() ?? '',
    });
  });
}
