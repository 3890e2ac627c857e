import { isRecord } from '../../http';
import type { SandboxState } from '../../state';
import type { Contact } from '../../types';
import type { FilterNode } from './filters';
import { BOUNDS } from './filters';

/** Evaluating parsed filters on one contact. String matching is case-insensitive except for tags (exact); arrays match when any item does. */

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  return !Array.isArray(v) || v.length > 0;
}

function scalarEq(actual: unknown, expected: unknown, exact = false): boolean {
  if (Array.isArray(expected)) return expected.some((e) => scalarEq(actual, e, exact));
  if (Array.isArray(actual)) return actual.some((a) => scalarEq(a, expected, exact));
  if (typeof actual === 'string' && typeof expected === 'string') return (exact ? actual : actual.toLowerCase()) === expected;
  if (typeof actual === 'boolean' && typeof expected === 'string') return String(actual) === expected;
  return actual === expected;
}

function scalarContains(actual: unknown, expected: unknown, exact = false): boolean {
  if (Array.isArray(actual)) return actual.some((a) => scalarContains(a, expected, exact));
  if (actual === undefined || actual === null) return false;
  return exact ? String(actual).includes(String(expected)) : String(actual).toLowerCase().includes(String(expected).toLowerCase());
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

export function evaluate(node: FilterNode, c: Contact, s: SandboxState): boolean {
  if (node.kind === 'group') {
    return node.op === 'AND' ? node.items.every((n) => evaluate(n, c, s)) : node.items.some((n) => evaluate(n, c, s));
  }
  const actual = node.get(c, s);
  switch (node.operator) {
    case 'eq':
      return scalarEq(actual, node.value, node.exact);
    case 'not_eq':
      return !scalarEq(actual, node.value, node.exact);
    case 'contains':
      return scalarContains(actual, node.value, node.exact);
    case 'not_contains':
      return !scalarContains(actual, node.value, node.exact);
    case 'exists':
      return present(actual);
    case 'not_exists':
      return !present(actual);
    case 'range': {
      const bounds = isRecord(node.value) ? node.value : {};
      return Object.entries(bounds).every(([op, b]) => BOUNDS.includes(op) && compare(actual, op, b));
    }
    default:
      return compare(actual, node.operator, node.value);
  }
}

/** The free-text `query`: name, email or company contain it; or the phone contains its digits (3 or more). */
export function matchesQuery(c: Contact, needle: string | undefined): boolean {
  if (!needle) return true;
  const digits = needle.replace(/\D/g, '');
  return Boolean(
    c.fullNameLowerCase?.includes(needle) ||
    c.emailLowerCase?.includes(needle) ||
    c.companyName?.toLowerCase().includes(needle) ||
    (digits.length >= 3 && c.phone?.includes(digits)),
  );
}
