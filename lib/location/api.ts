import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { cachedList } from '../http/cache';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { InvalidInput, inputError, isCountryCode } from '../input';
import { checkTimeZone } from '../time';

/** The connection's location (docs/highlevel-api.md §6.9): its name for the connection label, its time zone. */
export const Location = lazy(() =>
  zod.looseObject({
    id: zod.string().nullish(),
    name: zod.string().nullish(),
    timezone: zod.string().nullish(),
    country: zod.string().nullish(),
  }),
);
export type Location = z.infer<typeof Location>;

export const getLocation = (z: ZObject, bundle: Bundle): Promise<Location> =>
  ghl(z, bundle, endpoints.locationGet, { path: { locationId: locationIdOf(z, bundle) }, answer: Location, unreadable: 'without the location' });

/**
 * A location's settings change rarely: operations share one read per connection for a few minutes (z.cache), and
 * one invocation reads it at most once (lib/http/cache.ts, the same store as the pipeline and custom-field lists).
 */
export const cachedLocation = (z: ZObject, bundle: Bundle): Promise<Location> =>
  cachedList(z, bundle, { key: `ghl:location:${locationIdOf(z, bundle)}`, schema: Location, shared: true, fetch: () => getLocation(z, bundle) });

/** The location's IANA time zone (GET /locations/{id} → location.timezone), used for times given without an offset. */
export const locationTimeZone = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const location = await getLocation(z, bundle);
  if (!location.timezone) {
    throw inputError(
      z,
      'The HighLevel location has no time zone set, so a time without an offset cannot be placed: fill in Time Zone (e.g. Europe/Berlin), or set the time zone in the location settings.',
    );
  }
  try {
    return checkTimeZone("The location's time zone", location.timezone);
  } catch (error) {
    if (error instanceof InvalidInput) throw inputError(z, `${error.message} Fill in Time Zone instead.`);
    throw error;
  }
};

/**
 * The location's country (ISO code), the default for phone numbers written without a country code. Undefined when
 * the location has none or cannot be read (a connection without locations.readonly): the phone check then asks for
 * the country code instead.
 */
export const locationCountry = async (z: ZObject, bundle: Bundle): Promise<string | undefined> => {
  try {
    const country = (await cachedLocation(z, bundle)).country?.trim().toUpperCase();
    return country && isCountryCode(country) ? country : undefined;
  } catch {
    return undefined;
  }
};
