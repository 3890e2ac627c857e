import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import type { CustomField, CustomFieldDataType } from '../types';

interface FieldSeed {
  name: string;
  key: string;
  dataType: CustomFieldDataType;
  options?: string[];
  model?: 'contact' | 'opportunity';
}

/**
 * One field of every dataType in docs/highlevel-api.md §6.6 (plus one opportunity field so `model` filtering matters).
 */
const CUSTOM_FIELD_SEED: readonly FieldSeed[] = [
  { name: 'Emergency Contact', key: 'emergency_contact', dataType: 'TEXT' },
  { name: 'Health Notes', key: 'health_notes', dataType: 'LARGE_TEXT' },
  { name: 'Classes Attended', key: 'classes_attended', dataType: 'NUMERICAL' },
  { name: 'Emergency Phone', key: 'emergency_phone', dataType: 'PHONE' },
  { name: 'Lifetime Value', key: 'lifetime_value', dataType: 'MONETORY' },
  { name: 'Interests', key: 'interests', dataType: 'CHECKBOX', options: ['Mat', 'Reformer', 'Barre', 'Yoga'] },
  { name: 'T-Shirt Size', key: 't_shirt_size', dataType: 'SINGLE_OPTIONS', options: ['XS', 'S', 'M', 'L', 'XL'] },
  {
    name: 'Preferred Days',
    key: 'preferred_days',
    dataType: 'MULTIPLE_OPTIONS',
    options: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
  { name: 'Membership Start', key: 'membership_start', dataType: 'DATE' },
  { name: 'Goals', key: 'goals', dataType: 'TEXTBOX_LIST', options: ['Goal 1', 'Goal 2', 'Goal 3'] },
  { name: 'Signed Waiver', key: 'signed_waiver', dataType: 'FILE_UPLOAD' },
  { name: 'Experience Level', key: 'experience_level', dataType: 'RADIO', options: ['Beginner', 'Intermediate', 'Advanced'] },
  { name: 'Work Email', key: 'work_email', dataType: 'EMAIL' },
  { name: 'Deal Source', key: 'deal_source', dataType: 'TEXT', model: 'opportunity' },
];

export function seedCustomFields(state: SandboxState, prng: Prng): void {
  CUSTOM_FIELD_SEED.forEach((seed, position) => {
    const model = seed.model ?? 'contact';
    const field: CustomField = {
      id: prng.id(),
      name: seed.name,
      fieldKey: `${model}.${seed.key}`,
      placeholder: seed.dataType === 'EMAIL' ? 'name@example.com' : '',
      dataType: seed.dataType,
      position: position * 50,
      picklistOptions: seed.options ?? [],
      picklistImageOptions: [],
      isAllowedCustomOption: false,
      isMultiFileAllowed: false,
      maxFileLimit: seed.dataType === 'FILE_UPLOAD' ? 1 : 0,
      locationId: state.location.id,
      model,
    };
    state.customFields.set(field.id, field);
  });
}
