import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';

/** Businesses of the location (docs/highlevel-api.md §6.8). */
export const Business = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string().nullish(), city: zod.string().nullish() }));
export type Business = z.infer<typeof Business>;

export const BUSINESS_PAGE_SIZE = 100;

/** GET /businesses/?locationId, offset paging. */
export const listBusinesses = async (z: ZObject, bundle: Bundle, pageNumber: number): Promise<Business[]> =>
  ghl(z, bundle, endpoints.businessList, {
    query: { locationId: locationIdOf(z, bundle), limit: BUSINESS_PAGE_SIZE, skip: pageNumber * BUSINESS_PAGE_SIZE },
    answer: zod.array(Business),
    unreadable: 'with a business list the app cannot read',
  });

/** "Vogt Pilates (Köln)": what a user recognises in the business dropdown. */
export const businessLabel = (b: Business): string => (b.city ? `${b.name ?? b.id} (${b.city})` : (b.name ?? b.id));
