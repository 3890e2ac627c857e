import { normalizePhone } from '../../contact_model/normalize';
import { isRecord } from '../../http';
import type { SandboxState } from '../../state';
import type { Getter } from './fields';
import { DATE_FIELDS, getterFor } from './fields';

/** Parsing `filters`: leaves `{field, operator, value}` and nested `{group: AND|OR, filters}`; every problem a 422 line. */

export const OPERATORS = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists', 'range', 'gt', 'gte', 'lt', 'lte'];
export const BOUNDS = ['gt', 'gte', 'lt', 'lte'];

export interface Leaf {
  kind: 'leaf';
  get: Getter;
  field: string;
  operator: string;
  value: unknown;
  /**
   * Tags match the stored (trimmed, lower-cased) name exactly: whether HighLevel's index folds the case of a tag
   * filter is not documented (docs/highlevel-api.md §14.7), so `VIP` does not find `vip`.
   */
  exact: boolean;
}

export interface Group {
  kind: 'group';
  op: 'AND' | 'OR';
  items: FilterNode[];
}

export type FilterNode = Leaf | Group;

/** Filter values compare like the getters read: dates as ms, phones as E.164, strings lower-cased (tags as sent). */
function normalizeValue(field: string, value: unknown, state: SandboxState): unknown {
  if (Array.isArray(value)) return value.map((v) => normalizeValue(field, v, state));
  if (field === 'tags') return value;
  if (DATE_FIELDS.has(field) && (typeof value === 'string' || typeof value === 'number')) {
    const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isNaN(ms) ? value : ms;
  }
  if (field === 'phone' && typeof value === 'string') return normalizePhone(state, value) ?? value;
  if (typeof value === 'string') return value.toLowerCase();
  return value;
}

/** The value problem of a leaf, if any: range needs a bounds object, every other operator but (not_)exists a value. */
function valueProblem(at: string, operator: string, value: unknown): string | undefined {
  if (operator === 'range') {
    if (!isRecord(value) || !BOUNDS.some((k) => k in value)) {
      return `${at}.value must be an object with gt, gte, lt or lte for the range operator`;
    }
    return undefined;
  }
  if (operator !== 'exists' && operator !== 'not_exists' && value === undefined) return `${at}.value should not be empty`;
  return undefined;
}

function parseLeaf(item: Record<string, unknown>, at: string, errors: string[], state: SandboxState): Leaf | undefined {
  const { field, operator } = item;
  if (typeof field !== 'string') {
    errors.push(`${at}.field must be a string`);
    return undefined;
  }
  const get = getterFor(field);
  if (!get) errors.push(`${at}.field ${field} is not a supported filter field`);
  if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
    errors.push(`${at}.operator must be one of the following values: ${OPERATORS.join(', ')}`);
    return undefined;
  }
  const problem = valueProblem(at, operator, item.value);
  if (problem) {
    errors.push(problem);
    return undefined;
  }
  if (!get) return undefined;
  const value = isRecord(item.value)
    ? Object.fromEntries(Object.entries(item.value).map(([k, v]) => [k, normalizeValue(field, v, state)]))
    : normalizeValue(field, item.value, state);
  return { kind: 'leaf', get, field, operator, value, exact: field === 'tags' };
}

export function parseFilters(raw: unknown, path: string, errors: string[], state: SandboxState): FilterNode[] {
  if (!Array.isArray(raw)) {
    errors.push(`${path} must be an array`);
    return [];
  }
  const nodes: FilterNode[] = [];
  raw.forEach((item, i) => {
    const at = `${path}.${i}`;
    if (!isRecord(item)) {
      errors.push(`${at} must be an object`);
    } else if ('group' in item) {
      if (item.group !== 'AND' && item.group !== 'OR') {
        errors.push(`${at}.group must be one of the following values: AND, OR`);
        return;
      }
      nodes.push({ kind: 'group', op: item.group, items: parseFilters(item.filters, `${at}.filters`, errors, state) });
    } else {
      const leaf = parseLeaf(item, at, errors, state);
      if (leaf) nodes.push(leaf);
    }
  });
  return nodes;
}
