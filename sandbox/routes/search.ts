import { normalizePhone, renderSearchContact } from '../contact_model';
import type { RouteResult } from '../http';
import { isRecord, unprocessable, validateBody } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { SandboxState } from '../state';
import type { Contact } from '../types';
import { VERSION_2021_07_28 } from '../types';

/**
 * `POST /contacts/search` (§6.1, §4). The spec leaves the body empty; this follows REFERENCE §6.1: filters with
 * eq / not_eq / contains / not_contains / exists / not_exists / range (+ plain gt/gte/lt/lte), nested AND/OR groups,
 * sort, page + pageLimit (≤ 500, window ≤ 10,000) or the searchAfter cursor carried by every returned contact.
 */

const MAX_PAGE_LIMIT = 500;
const MAX_WINDOW = 10_000;
const OPERATORS = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists', 'range', 'gt', 'gte', 'lt', 'lte'];
const DATE_FIELDS = new Set(['dateAdded', 'dateUpdated', 'dateOfBirth', 'lastActivity']);
const SORT_FIELDS = new Set([
  'dateAdded',
  'dateUpdated',
  'firstNameLowerCase',
  'lastNameLowerCase',
  'fullNameLowerCase',
  'email',
  'companyName',
  'businessName',
  'phone',
  'dateOfBirth',
]);

const FIELD_GETTERS: Record<string, (c: Contact, s: SandboxState) => unknown> = {
  id: (c) => c.id,
  firstName: (c) => c.firstNameLowerCase,
  lastName: (c) => c.lastNameLowerCase,
  firstNameLowerCase: (c) => c.firstNameLowerCase,
  lastNameLowerCase: (c) => c.lastNameLowerCase,
  fullNameLowerCase: (c) => c.fullNameLowerCase,
  name: (c) => c.fullNameLowerCase,
  email: (c) => c.emailLowerCase,
  phone: (c) => c.phone,
  companyName: (c) => c.companyName?.toLowerCase(),
  businessName: (c, s) => (c.businessId ? s.businesses.get(c.businessId)?.name.toLowerCase() : undefined),
  businessId: (c) => c.businessId,
  assignedTo: (c) => c.assignedTo,
  dnd: (c) => c.dnd,
  type: (c) => c.type,
  source: (c) => c.source?.toLowerCase(),
  tags: (c) => c.tags,
  dateAdded: (c) => Date.parse(c.dateAdded),
  dateUpdated: (c) => Date.parse(c.dateUpdated),
  dateOfBirth: (c) => (c.dateOfBirth ? Date.parse(c.dateOfBirth) : undefined),
  address: (c) => c.address1?.toLowerCase(),
  address1: (c) => c.address1?.toLowerCase(),
  city: (c) => c.city?.toLowerCase(),
  state: (c) => c.state?.toLowerCase(),
  country: (c) => c.country?.toLowerCase(),
  postalCode: (c) => c.postalCode,
  timezone: (c) => c.timezone?.toLowerCase(),
  website: (c) => c.website?.toLowerCase(),
  validEmail: (c) => c.validEmail,
};

type Getter = (c: Contact, s: SandboxState) => unknown;

function getterFor(field: string): Getter | undefined {
  const direct = FIELD_GETTERS[field];
  if (direct) return direct;
  // Custom-field filter syntax is undocumented (§6.1, issue #42); the sandbox accepts `customFields.<fieldId>`.
  const cf = /^customFields?\.(.+)$/.exec(field);
  if (cf) {
    const id = cf[1];
    return (c) => {
      const value = c.customFields.find((v) => v.id === id)?.value;
      return typeof value === 'string' ? value.toLowerCase() : value;
    };
  }
  return undefined;
}

type Scalar = string | number | boolean;

interface Leaf {
  kind: 'leaf';
  get: Getter;
  field: string;
  operator: string;
  value: unknown;
}

interface Group {
  kind: 'group';
  op: 'AND' | 'OR';
  items: Node[];
}

type Node = Leaf | Group;

function normalizeValue(field: string, value: unknown, state: SandboxState): unknown {
  if (Array.isArray(value)) return value.map((v) => normalizeValue(field, v, state));
  if (DATE_FIELDS.has(field) && (typeof value === 'string' || typeof value === 'number')) {
    const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isNaN(ms) ? value : ms;
  }
  if (field === 'phone' && typeof value === 'string') return normalizePhone(state, value) ?? value;
  if (typeof value === 'string') return value.toLowerCase();
  return value;
}

function parseFilters(raw: unknown, path: string, errors: string[], state: SandboxState): Node[] {
  if (!Array.isArray(raw)) {
    errors.push(`${path} must be an array`);
    return [];
  }
  const nodes: Node[] = [];
  raw.forEach((item, i) => {
    const at = `${path}.${i}`;
    if (!isRecord(item)) {
      errors.push(`${at} must be an object`);
      return;
    }
    if ('group' in item) {
      if (item.group !== 'AND' && item.group !== 'OR') {
        errors.push(`${at}.group must be one of the following values: AND, OR`);
        return;
      }
      nodes.push({ kind: 'group', op: item.group, items: parseFilters(item.filters, `${at}.filters`, errors, state) });
      return;
    }
    const field = item.field;
    const operator = item.operator;
    if (typeof field !== 'string') {
      errors.push(`${at}.field must be a string`);
      return;
    }
    const get = getterFor(field);
    if (!get) errors.push(`${at}.field ${field} is not a supported filter field`);
    if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
      errors.push(`${at}.operator must be one of the following values: ${OPERATORS.join(', ')}`);
      return;
    }
    if (operator === 'range') {
      const v = item.value;
      if (!isRecord(v) || !['gt', 'gte', 'lt', 'lte'].some((k) => k in v)) {
        errors.push(`${at}.value must be an object with gt, gte, lt or lte for the range operator`);
        return;
      }
    } else if (operator !== 'exists' && operator !== 'not_exists' && item.value === undefined) {
      errors.push(`${at}.value should not be empty`);
      return;
    }
    if (!get) return;
    const value = isRecord(item.value)
      ? Object.fromEntries(Object.entries(item.value).map(([k, v]) => [k, normalizeValue(field, v, state)]))
      : normalizeValue(field, item.value, state);
    nodes.push({ kind: 'leaf', get, field, operator, value });
  });
  return nodes;
}

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  return !Array.isArray(v) || v.length > 0;
}

function scalarEq(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return expected.some((e) => scalarEq(actual, e));
  if (Array.isArray(actual)) return actual.some((a) => scalarEq(a, expected));
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected;
  if (typeof actual === 'boolean' && typeof expected === 'string') return String(actual) === expected;
  return actual === expected;
}

function scalarContains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => scalarContains(a, expected));
  if (actual === undefined || actual === null) return false;
  return String(actual).toLowerCase().includes(String(expected).toLowerCase());
}

function compare(actual: unknown, op: string, bound: unknown): boolean {
  if (typeof actual === 'number' && typeof bound === 'number') {
    return op === 'gt' ? actual > bound : op === 'gte' ? actual >= bound : op === 'lt' ? actual < bound : actual <= bound;
  }
  if (typeof actual === 'string' && typeof bound === 'string') {
    return op === 'gt' ? actual > bound : op === 'gte' ? actual >= bound : op === 'lt' ? actual < bound : actual <= bound;
  }
  return false;
}

function evaluate(node: Node, c: Contact, s: SandboxState): boolean {
  if (node.kind === 'group') {
    return node.op === 'AND' ? node.items.every((n) => evaluate(n, c, s)) : node.items.some((n) => evaluate(n, c, s));
  }
  const actual = node.get(c, s);
  switch (node.operator) {
    case 'eq':
      return scalarEq(actual, node.value);
    case 'not_eq':
      return !scalarEq(actual, node.value);
    case 'contains':
      return scalarContains(actual, node.value);
    case 'not_contains':
      return !scalarContains(actual, node.value);
    case 'exists':
      return present(actual);
    case 'not_exists':
      return !present(actual);
    case 'range': {
      const bounds = isRecord(node.value) ? node.value : {};
      return Object.entries(bounds).every(([op, b]) => ['gt', 'gte', 'lt', 'lte'].includes(op) && compare(actual, op, b));
    }
    default:
      return compare(actual, node.operator, node.value);
  }
}

interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
  get: Getter;
}

type Key = Scalar | null;

function sortKey(c: Contact, s: SandboxState, sorts: readonly SortSpec[]): Key[] {
  const keys: Key[] = sorts.map((spec) => {
    const v = spec.get(c, s);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  });
  keys.push(c.id);
  return keys;
}

/** Missing values sort last in both directions; the id breaks ties ascending. */
function compareKeys(a: readonly Key[], b: readonly Key[], sorts: readonly SortSpec[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const dir = i < sorts.length && sorts[i]?.direction === 'desc' ? -1 : 1;
    return (x < y ? -1 : 1) * dir;
  }
  return 0;
}

const SEARCH_SHAPE = {
  locationId: { type: 'string', required: true },
  pageLimit: { type: 'number', required: true, min: 1, max: MAX_PAGE_LIMIT },
  page: { type: 'number', min: 1 },
  searchAfter: { type: 'array' },
  query: { type: 'string', maxLength: 75 },
  filters: { type: 'array' },
  sort: { type: 'array' },
} as const;

function search(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, SEARCH_SHAPE);
  assertLocation(ctx, body.locationId);
  const state = ctx.state;
  const errors: string[] = [];
  const filters = body.filters === undefined ? [] : parseFilters(body.filters, 'filters', errors, state);
  const sorts: SortSpec[] = [];
  if (Array.isArray(body.sort)) {
    body.sort.forEach((item, i) => {
      if (!isRecord(item) || typeof item.field !== 'string' || !SORT_FIELDS.has(item.field)) {
        errors.push(`sort.${i}.field must be one of the following values: ${[...SORT_FIELDS].join(', ')}`);
        return;
      }
      const direction = item.direction ?? 'desc';
      if (direction !== 'asc' && direction !== 'desc') {
        errors.push(`sort.${i}.direction must be one of the following values: asc, desc`);
        return;
      }
      const get = getterFor(item.field);
      if (get) sorts.push({ field: item.field, direction, get });
    });
  }
  // Default order (REFERENCE is silent): newest first.
  if (sorts.length === 0) sorts.push({ field: 'dateAdded', direction: 'desc', get: FIELD_GETTERS.dateAdded as Getter });
  const pageLimit = body.pageLimit as number;
  const page = typeof body.page === 'number' ? body.page : undefined;
  const cursor = Array.isArray(body.searchAfter) ? body.searchAfter : undefined;
  if (page !== undefined && cursor !== undefined) errors.push('page and searchAfter cannot be used together');
  if (cursor !== undefined) {
    const valid =
      cursor.length === sorts.length + 1 &&
      cursor.every((k) => k === null || typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean');
    if (!valid) errors.push('searchAfter must be the searchAfter value of a contact returned with the same sort');
  }
  if (page !== undefined && page * pageLimit > MAX_WINDOW) {
    errors.push(`page * pageLimit must not exceed ${MAX_WINDOW}; use searchAfter to page deeper`);
  }
  if (errors.length > 0) throw unprocessable(errors);

  const needle = typeof body.query === 'string' && body.query.trim() !== '' ? body.query.trim().toLowerCase() : undefined;
  const digits = needle?.replace(/\D/g, '');
  const rows: { c: Contact; key: Key[] }[] = [];
  for (const c of state.contacts.values()) {
    if (c.locationId !== ctx.token.locationId) continue;
    if (!filters.every((f) => evaluate(f, c, state))) continue;
    if (
      needle &&
      !(
        c.fullNameLowerCase?.includes(needle) ||
        c.emailLowerCase?.includes(needle) ||
        c.companyName?.toLowerCase().includes(needle) ||
        (digits && digits.length >= 3 && c.phone?.includes(digits))
      )
    ) {
      continue;
    }
    rows.push({ c, key: sortKey(c, state, sorts) });
  }
  rows.sort((a, b) => compareKeys(a.key, b.key, sorts));
  let start = 0;
  if (cursor !== undefined) {
    const after = cursor as Key[];
    start = rows.findIndex((r) => compareKeys(r.key, after, sorts) > 0);
    if (start < 0) start = rows.length;
  } else if (page !== undefined) {
    start = (page - 1) * pageLimit;
  }
  const contacts = rows.slice(start, start + pageLimit).map((r) => renderSearchContact(state, r.c, r.key));
  return { body: { contacts, total: rows.length } };
}

export const searchRoutes: ResourceRoute[] = [
  { method: 'POST', path: '/contacts/search', version: VERSION_2021_07_28, scope: 'contacts.readonly', handler: search },
];
