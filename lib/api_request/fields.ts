import type { PlainInputField } from 'zapier-platform-core';
import { LOCATION_PLACEHOLDER, METHODS, VERSIONS } from './request';

/** The API Request action's inputs. */
export const apiRequestFields: PlainInputField[] = [
  {
    key: 'method',
    label: 'Method',
    required: true,
    choices: Object.fromEntries(METHODS.map((m) => [m, m])),
    default: 'GET',
    helpText: 'HTTP method of the HighLevel route.',
  },
  {
    key: 'path',
    label: 'Path',
    required: true,
    helpText:
      `Path of a HighLevel API v2 route, without the host, e.g. \`/opportunities/pipelines\` or \`/contacts/ocQHyuzHvysMo5N5VsXc/notes\`. ` +
      `Write \`${LOCATION_PLACEHOLDER}\` for this connection's location (\`/locations/${LOCATION_PLACEHOLDER}/tags\`). ` +
      'Only routes whose permission the app knows and the connection was granted are sent, and only for this location.',
  },
  {
    key: 'query',
    label: 'Query Parameters',
    dict: true,
    helpText:
      "Query parameters, e.g. `limit` = `20`. HighLevel's `locationId` (or `location_id`) is filled in with this connection's location where the route requires it; another location's id is refused.",
  },
  {
    key: 'body',
    label: 'Body (JSON)',
    type: 'text',
    helpText: 'JSON body for POST, PUT and DELETE, e.g. `{"tags": ["vip"]}`. Leave empty for none. A location id in it must be this connection\'s.',
  },
  {
    key: 'version',
    label: 'Version Header',
    choices: Object.fromEntries(VERSIONS.map((v) => [v, v])),
    helpText: "Leave empty for the route's own Version (calendars `2021-04-15`, everything else `2021-07-28`). Only these two values are sent.",
  },
];
