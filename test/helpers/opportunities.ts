import nock from 'nock';
import pipelinesFixture from '../fixtures/pipelines.json';
import { API, CONTACTS_VERSION, LOCATION_ID } from './app';

/** Shared set-up of the opportunity tests: the fixture pipelines, the location's opportunity fields, search queries. */
export const TRAINEES = pipelinesFixture.pipelines[0];
export const DEALS = pipelinesFixture.pipelines[1];
export const [ENROLLED, IN_PROGRESS, COMPLETED] = TRAINEES.stages;
export const OPPORTUNITY_ID = 'yWQobCRIhRguQtD2llvk';
export const CONTACT_ID = 'ocQHyuzHvysMo5N5VsXc';

/** One opportunity custom field (TEXT) and one number field, as GET /locations/{id}/customFields?model=opportunity lists them. */
export const OPPORTUNITY_FIELDS = {
  customFields: [
    { id: 'jk9HtosWB9TR3a5Nhr4z', name: 'Deal Source', fieldKey: 'opportunity.deal_source', dataType: 'TEXT', model: 'opportunity' },
    { id: 'Nm4bV7cX1zL9kJ3hG5fD', name: 'Seats', fieldKey: 'opportunity.seats', dataType: 'NUMERICAL', model: 'opportunity' },
  ],
};

export const nockPipelines = (times = 1) =>
  nock(API, CONTACTS_VERSION).get('/opportunities/pipelines').query({ locationId: LOCATION_ID }).times(times).reply(200, pipelinesFixture);

export const nockOpportunityFields = () =>
  nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'opportunity' }).reply(200, OPPORTUNITY_FIELDS);

/** The query of GET /opportunities/search the app sends: newest created first, every status unless asked. */
export const searchQuery = (over: Record<string, string | number> = {}) => ({
  location_id: LOCATION_ID,
  status: 'all',
  order: 'added_desc',
  page: '1',
  limit: '100',
  ...Object.fromEntries(Object.entries(over).map(([k, v]) => [k, String(v)])),
});
