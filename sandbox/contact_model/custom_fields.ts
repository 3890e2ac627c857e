import { isRecord, unprocessable } from '../http';
import type { SandboxState } from '../state';
import type { Contact, CustomField } from '../types';

function findCustomField(state: SandboxState, ref: { id?: unknown; key?: unknown }): CustomField | undefined {
  if (typeof ref.id === 'string') {
    const byId = state.customFields.get(ref.id);
    if (byId) return byId;
  }
  if (typeof ref.key === 'string') {
    // docs/highlevel-api.md §6.1: the spec's key example has no "contact." prefix while the list reports one; accept
    // both.
    const key = ref.key.startsWith('contact.') ? ref.key : `contact.${ref.key}`;
    for (const field of state.customFields.values()) if (field.fieldKey === key) return field;
  }
  return undefined;
}

function coerceFieldValue(field: CustomField, value: unknown): unknown {
  switch (field.dataType) {
    case 'NUMERICAL':
    case 'MONETORY':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'CHECKBOX':
    case 'MULTIPLE_OPTIONS':
    case 'TEXTBOX_LIST':
      return typeof value === 'string' ? [value] : value;
    default:
      return value;
  }
}

function checkItems(items: unknown[]): void {
  const errors: string[] = [];
  items.forEach((item, i) => {
    if (!isRecord(item)) {
      errors.push(`customFields.${i} must be an object`);
      return;
    }
    for (const key of Object.keys(item)) {
      if (!['id', 'key', 'field_value'].includes(key)) errors.push(`customFields.${i}.property ${key} should not exist`);
    }
    if (item.id === undefined && item.key === undefined) errors.push(`customFields.${i}.id should not be empty`);
  });
  if (errors.length > 0) throw unprocessable(errors);
}

/**
 * docs/highlevel-api.md §6.1 custom fields: written as `[{id | key, field_value}]`, stored and read back as
 * `[{id, value}]`. Fields not listed keep their value; an empty value clears the field; unknown ids are ignored.
 */
export function applyCustomFields(state: SandboxState, contact: Contact, items: unknown[]): void {
  checkItems(items);
  for (const item of items) {
    if (!isRecord(item)) continue;
    const field = findCustomField(state, item);
    if (!field) continue;
    const value = item.field_value;
    const rest = contact.customFields.filter((cf) => cf.id !== field.id);
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    contact.customFields = empty ? rest : [...rest, { id: field.id, value: coerceFieldValue(field, value) }];
  }
}
