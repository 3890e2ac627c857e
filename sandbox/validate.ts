import { isRecord, unprocessable } from './http';

/**
 * NestJS/class-validator style allow-list validation of bodies and query strings, answering 422 with every problem
 * in `message` (docs/highlevel-api.md §2, §11.2).
 */

export type FieldType = 'string' | 'boolean' | 'number' | 'stringArray' | 'array' | 'object' | 'isoDate' | 'email' | 'any';

export interface FieldRule {
  type: FieldType;
  required?: boolean;
  /** Accept `null` (the spec marks many contact fields nullable). */
  nullable?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  enum?: readonly string[];
}

export type Shape = Record<string, FieldRule>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

function checkField(name: string, value: unknown, rule: FieldRule, errors: string[]): void {
  if (value === null && rule.nullable) return;
  switch (rule.type) {
    case 'string':
    case 'email':
      if (typeof value !== 'string') {
        errors.push(`${name} must be a string`);
        return;
      }
      if (rule.required && value.trim() === '') errors.push(`${name} should not be empty`);
      if (rule.type === 'email' && value !== '' && !EMAIL.test(value)) errors.push(`${name} must be an email`);
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        errors.push(`${name} must be shorter than or equal to ${rule.maxLength} characters`);
      }
      if (rule.enum && !rule.enum.includes(value)) {
        errors.push(`${name} must be one of the following values: ${rule.enum.join(', ')}`);
      }
      return;
    case 'isoDate':
      if (!isIsoDate(value)) errors.push(`${name} must be a valid ISO 8601 date string`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${name} must be a boolean value`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push(`${name} must be a number conforming to the specified constraints`);
        return;
      }
      if (rule.min !== undefined && value < rule.min) errors.push(`${name} must not be less than ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) errors.push(`${name} must not be greater than ${rule.max}`);
      return;
    case 'stringArray':
      if (!Array.isArray(value)) {
        errors.push(`${name} must be an array`);
        return;
      }
      if (value.some((v) => typeof v !== 'string')) errors.push(`each value in ${name} must be a string`);
      return;
    case 'array':
      if (!Array.isArray(value)) errors.push(`${name} must be an array`);
      return;
    case 'object':
      if (!isRecord(value)) errors.push(`${name} must be an object`);
      return;
    case 'any':
      return;
  }
}

/**
 * Validates a JSON body against an allow-list (docs/highlevel-api.md §11.2: any property not in the DTO answers 422
 * `property X should not exist`). Returns the body as a record; throws a 422 HttpError listing every problem.
 */
export function validateBody(body: unknown, shape: Shape): Record<string, unknown> {
  const input = body === undefined ? {} : body;
  if (!isRecord(input)) throw unprocessable(['body must be a JSON object']);
  const errors: string[] = [];
  for (const key of Object.keys(input)) {
    if (!(key in shape)) errors.push(`property ${key} should not exist`);
  }
  for (const [key, rule] of Object.entries(shape)) {
    const value = input[key];
    if (value === undefined) {
      if (rule.required) {
        errors.push(...missingMessages(key, rule));
      }
      continue;
    }
    checkField(key, value, rule, errors);
  }
  if (errors.length > 0) throw unprocessable(errors);
  return input;
}

function missingMessages(key: string, rule: FieldRule): string[] {
  switch (rule.type) {
    case 'boolean':
      return [`${key} must be a boolean value`];
    case 'number':
      return [`${key} must be a number conforming to the specified constraints`];
    case 'isoDate':
      return [`${key} must be a valid ISO 8601 date string`];
    case 'array':
    case 'stringArray':
      return [`${key} must be an array`];
    default:
      return [`${key} should not be empty`, `${key} must be a string`];
  }
}

export type QueryType = 'string' | 'numeric' | 'boolean' | 'stringList';

export interface QueryRule {
  type: QueryType;
  required?: boolean;
  max?: number;
}

/**
 * Query parameters follow the same whitelist rule as bodies (docs/highlevel-api.md §2, §11.2 `locationId` on free
 * slots).
 */
export function validateQuery(query: Record<string, string | string[]>, shape: Record<string, QueryRule>): Record<string, string> {
  const errors: string[] = [];
  const out: Record<string, string> = {};
  for (const key of Object.keys(query)) {
    const baseKey = key.endsWith('[]') ? key.slice(0, -2) : key;
    if (!(baseKey in shape)) errors.push(`property ${key} should not exist`);
  }
  for (const [key, rule] of Object.entries(shape)) {
    const raw = query[key] ?? query[`${key}[]`];
    if (raw === undefined || raw === '') {
      if (rule.required) {
        errors.push(rule.type === 'numeric' ? `${key} must be a number conforming to the specified constraints` : `${key} should not be empty`);
      }
      continue;
    }
    if (Array.isArray(raw) && rule.type !== 'stringList') {
      errors.push(`${key} must be a string`);
      continue;
    }
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (rule.type === 'numeric') {
      if (!/^-?\d+(\.\d+)?$/.test(value)) {
        errors.push(`${key} must be a number conforming to the specified constraints`);
        continue;
      }
      if (rule.max !== undefined && Number(value) > rule.max) {
        errors.push(`${key} must not be greater than ${rule.max}`);
      }
    }
    if (rule.type === 'boolean' && value !== 'true' && value !== 'false') {
      errors.push(`${key} must be a boolean value`);
    }
    out[key] = value;
  }
  if (errors.length > 0) throw unprocessable(errors);
  return out;
}
