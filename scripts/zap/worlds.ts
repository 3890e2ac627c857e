import type { Sandbox } from '../../sandbox';
import type { World, WorldPipeline } from './scenario';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a live run waits for HighLevel's search to show its writes (the lag is unstated, §14.10). */
const LIVE_SEARCH_LAG_MS = 15_000;

/** Reads what the sandbox holds, straight from its state (no HTTP: the report's call counts stay the app's own). */
export const sandboxWorld = (sandbox: Sandbox): World => {
  const { state } = sandbox;
  const plain = <T extends object>(value: T | undefined) => (value ? ({ ...value } as Record<string, unknown>) : undefined);
  return {
    contactsByEmail: async (email) => [...state.contacts.values()].filter((c) => c.email?.toLowerCase() === email.toLowerCase()).map((c) => ({ ...c })),
    contact: async (id) => plain(state.contacts.get(id)),
    tasksOf: async (contactId) => [...state.tasks.values()].filter((t) => t.contactId === contactId).map((t) => ({ ...t })),
    notesOf: async (contactId) => [...state.notes.values()].filter((n) => n.contactId === contactId).map((n) => ({ ...n })),
    appointment: async (id) => plain(state.appointments.get(id)),
    opportunity: async (id) => plain(state.sales.opportunities.get(id)),
    opportunitiesOf: async (contactId) => [...state.sales.opportunities.values()].filter((o) => o.contactId === contactId).map((o) => ({ ...o })),
    pipelines: async () =>
      [...state.sales.pipelines.values()].map((p) => ({ id: p.id, name: p.name, stages: p.stages.map((st) => ({ id: st.id, name: st.name })) })),
    calendarId: async () => [...state.calendars.values()][0].id,
    userId: async () => [...state.users.values()][0].id,
    locationName: async () => state.location.name,
    expireTokens: () => sandbox.expireAccessTokens(),
    // Real time passes, as between two polls: the sandbox's search shows a write after searchLagMs.
    settle: () => sleep(sandbox.searchLagMs + 50),
  };
};

/** Reads a live location through HighLevel's API directly (not through the app under test). */
export const liveWorld = (apiBase: string, token: string, locationId: string, calendarOverride?: string): World => {
  const get = async (path: string, version = '2021-07-28', init: RequestInit = {}): Promise<Record<string, unknown>> => {
    const response = await fetch(`${apiBase}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, Version: version, Accept: 'application/json', 'Content-Type': 'application/json' },
    });
    if (response.status === 404) return {};
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path.split('?')[0]} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const list = (data: Record<string, unknown>, key: string) => (Array.isArray(data[key]) ? (data[key] as Record<string, unknown>[]) : []);
  return {
    // Search results are lighter than GET contact (§6.1: lower-cased names only): read each match in full.
    contactsByEmail: async (email) => {
      const found = list(
        await get('/contacts/search', '2021-07-28', {
          method: 'POST',
          body: JSON.stringify({ locationId, pageLimit: 10, filters: [{ field: 'email', operator: 'eq', value: email }] }),
        }),
        'contacts',
      );
      const full = await Promise.all(
        found.map(async (c) => (await get(`/contacts/${encodeURIComponent(String(c.id))}`)).contact as Record<string, unknown> | undefined),
      );
      return full.filter((c): c is Record<string, unknown> => Boolean(c));
    },
    contact: async (id) => (await get(`/contacts/${encodeURIComponent(id)}`)).contact as Record<string, unknown> | undefined,
    tasksOf: async (id) => list(await get(`/contacts/${encodeURIComponent(id)}/tasks`), 'tasks'),
    notesOf: async (id) => list(await get(`/contacts/${encodeURIComponent(id)}/notes`), 'notes'),
    appointment: async (id) =>
      (await get(`/calendars/events/appointments/${encodeURIComponent(id)}`, '2021-04-15')).event as Record<string, unknown> | undefined,
    opportunity: async (id) => (await get(`/opportunities/${encodeURIComponent(id)}`)).opportunity as Record<string, unknown> | undefined,
    opportunitiesOf: async (contactId) =>
      list(await get(`/opportunities/search?location_id=${encodeURIComponent(locationId)}&contact_id=${encodeURIComponent(contactId)}`), 'opportunities'),
    pipelines: async () =>
      list(await get(`/opportunities/pipelines?locationId=${encodeURIComponent(locationId)}`), 'pipelines').map((p): WorldPipeline => ({
        id: String(p.id),
        name: String(p.name),
        stages: (Array.isArray(p.stages) ? (p.stages as Record<string, unknown>[]) : []).map((st) => ({ id: String(st.id), name: String(st.name) })),
      })),
    calendarId: async () =>
      calendarOverride ?? String(list(await get(`/calendars/?locationId=${encodeURIComponent(locationId)}`, '2021-04-15'), 'calendars')[0]?.id ?? ''),
    userId: async () => String(list(await get(`/users/?locationId=${encodeURIComponent(locationId)}`), 'users')[0]?.id ?? ''),
    locationName: async () => String(((await get(`/locations/${encodeURIComponent(locationId)}`)).location as Record<string, unknown> | undefined)?.name ?? ''),
    settle: () => sleep(LIVE_SEARCH_LAG_MS),
  };
};
