/**
 * Walks the exported app definition for the generic checks (test/lib/samples.test.ts, integration_checks.test.ts):
 * every trigger, create and search, whoever added it. Input fields that are functions are skipped (only static
 * fields can be judged without a bundle).
 */
import type { PlainInputField } from 'zapier-platform-core';
import { App } from './app';

export type OperationKind = 'trigger' | 'create' | 'search';

export interface OutputField {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  primary?: boolean;
  sample?: unknown;
}

export interface Operation {
  kind: OperationKind;
  key: string;
  label: string;
  description: string;
  hidden: boolean;
  /** 'polling' or 'hook' for triggers. */
  type?: string;
  inputFields: unknown[];
  staticInputFields: PlainInputField[];
  outputFields: OutputField[];
  sample: Record<string, unknown> | undefined;
  definition: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const asOperation = (kind: OperationKind, key: string, raw: unknown): Operation => {
  const def = isRecord(raw) ? raw : {};
  const display = isRecord(def.display) ? def.display : {};
  const operation = isRecord(def.operation) ? def.operation : {};
  const inputFields = Array.isArray(operation.inputFields) ? operation.inputFields : [];
  const outputFields = (Array.isArray(operation.outputFields) ? operation.outputFields : []).filter(isRecord) as unknown as OutputField[];
  return {
    kind,
    key,
    label: typeof display.label === 'string' ? display.label : '',
    description: typeof display.description === 'string' ? display.description : '',
    hidden: display.hidden === true,
    type: typeof operation.type === 'string' ? operation.type : kind === 'trigger' ? 'polling' : undefined,
    inputFields,
    staticInputFields: inputFields.filter((f): f is PlainInputField => isRecord(f)),
    outputFields,
    sample: isRecord(operation.sample) ? operation.sample : undefined,
    definition: def,
  };
};

export const operations = (): Operation[] => [
  ...Object.entries(App.triggers ?? {}).map(([key, def]) => asOperation('trigger', key, def)),
  ...Object.entries(App.creates ?? {}).map(([key, def]) => asOperation('create', key, def)),
  ...Object.entries(App.searches ?? {}).map(([key, def]) => asOperation('search', key, def)),
];

/** The sample Zapier shows: operation.sample with outputFields[].sample merged over it (those take precedence). */
export const mergedSample = (op: Operation): Record<string, unknown> => {
  const sample: Record<string, unknown> = { ...(op.sample ?? {}) };
  for (const field of op.outputFields) {
    if (field.sample !== undefined) sample[field.key.replace(/\[\]$/, '')] = field.sample;
  }
  return sample;
};

/** Value at an outputFields key: `a__b` is a nested path, `a[]` a list, `a[]b` the key `b` of the items of list `a`. */
export const valueAt = (sample: Record<string, unknown>, key: string): { found: boolean; value: unknown } => {
  const path = key.split(/\[\]|__/).filter(Boolean);
  let current: unknown = sample;
  for (const part of path) {
    if (Array.isArray(current)) current = current[0];
    if (!isRecord(current) || !(part in current)) return { found: false, value: undefined };
    current = current[part];
  }
  return { found: true, value: current };
};

/** Every (path, value) in a plain data structure; functions are not entered. */
export const walk = (value: unknown, visit: (path: string, value: unknown) => void, path = ''): void => {
  visit(path, value);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, visit, `${path}[${i}]`));
  else if (isRecord(value)) for (const [key, child] of Object.entries(value)) walk(child, visit, path ? `${path}.${key}` : key);
};

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_DATETIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** D023: a string that starts like a date must be an ISO date, or an ISO date-time with a zone. */
export const badDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}/.test(value) && !ISO_DATE.test(value) && !ISO_DATETIME_WITH_ZONE.test(value);

/** Keys that name a date or time (dateAdded, dueDate, startTime, createdAt), not a time zone. */
export const isDateKey = (key: string): boolean => /^(date|time)([A-Z]|$)|(Date|Time|At)$/.test(key) && !/zone/i.test(key);

/** Every date problem in a sample, as "path: value". */
export const dateProblems = (sample: unknown): string[] => {
  const problems: string[] = [];
  walk(sample, (path, value) => {
    const key =
      path
        .replace(/\[\d+\]$/, '')
        .split('.')
        .pop() ?? '';
    if (typeof value === 'string' && badDate(value)) problems.push(`${path}: ${value}`);
    else if (typeof value === 'number' && isDateKey(key)) problems.push(`${path}: ${value} (epoch number)`);
    else if (typeof value === 'string' && value && isDateKey(key) && !ISO_DATE.test(value) && !ISO_DATETIME_WITH_ZONE.test(value))
      problems.push(`${path}: ${value}`);
  });
  return problems;
};

/**
 * D024 / T005 / Z001: the record (a sample, or a live result) has every required output field, and each value is
 * of its output field's type. Field keys use Zapier's notation (`a__b` nested, `list[]` arrays).
 */
export const outputFieldProblems = (op: Operation, record: Record<string, unknown>): string[] =>
  op.outputFields.flatMap((field) => {
    const { found, value } = valueAt(record, field.key);
    if (!found) return field.required ? [`${field.key}: required but missing`] : [];
    const values = field.key.endsWith('[]') && Array.isArray(value) ? value : [value];
    const ok = values.every((v) => {
      switch (field.type) {
        case 'integer':
          return Number.isInteger(v);
        case 'number':
          return typeof v === 'number' && Number.isFinite(v);
        case 'boolean':
          return typeof v === 'boolean';
        case 'datetime':
          // An absent date is null (or left out), never "": Zapier's formatter and check D024 take "" for a broken date.
          return v === null ? !field.required : typeof v === 'string' && (ISO_DATETIME_WITH_ZONE.test(v) || ISO_DATE.test(v));
        default:
          return true;
      }
    });
    return ok ? [] : [`${field.key}: ${JSON.stringify(value)} is not ${field.type}`];
  });
