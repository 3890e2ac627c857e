import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { apiRequestFields } from '../lib/api_request/fields';
import { checkRequest, sendRequest } from '../lib/api_request/request';

export const API_REQUEST_KEY = 'api_request';

/**
 * Any HighLevel v2 route the app knows the permission of (lib/api_request/routes.ts), checked before sending
 * (lib/api_request/request.ts): HighLevel's own host, this connection's location and scopes, the route's Version.
 * HighLevel's errors are reported as for every other action.
 */
export const perform: CreatePerform = async (z, bundle) => sendRequest(z, bundle, checkRequest(z, bundle));

export default defineCreate({
  key: API_REQUEST_KEY,
  noun: 'API Request',
  display: {
    label: 'API Request',
    description:
      "Sends a request to any API v2 route that no other action covers, for this connection's location and with its permissions. Returns the API's answer.",
  },
  operation: {
    inputFields: apiRequestFields,
    perform,
    sample: { status: 200, data: { pipelines: [{ id: 'VDm7RPYC2GLUvdpKmBfC', name: 'Trainees' }] } },
    outputFields: [
      { key: 'status', label: 'HTTP Status', type: 'integer' as const },
      { key: 'data', label: 'Response Body' },
    ],
  },
});
