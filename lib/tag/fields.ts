import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { TAG_DROPDOWN } from '../dropdowns';
import { inputError, isEmpty, text } from '../input';

/**
 * Splits mapped tags that arrive as one comma-separated string as well as lists; each tag once. Objects are refused
 * (issue 11: `[{"name":"vip"}]` became the tag "[object Object]").
 */
export const tagList = (value: unknown, label = 'Tags'): string[] => {
  const items = Array.isArray(value) ? value : isEmpty(value) ? [] : [value];
  return [
    ...new Set(
      items
        .flatMap((item: unknown) => (text(item, label) ?? '').split(','))
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
};

/** The tag an instant tag trigger watches (the relay compares tags case-insensitively, as HighLevel stores them lower-cased). */
export const watchedTagField = (helpText: string): PlainInputField => ({ ...TAG_DROPDOWN, key: 'tag', label: 'Tag', required: true, helpText });

export const watchedTag = (z: ZObject, value: unknown): string => {
  const tag = text(value, 'Tag');
  if (!tag) throw inputError(z, 'Tag is required: choose the tag that should trigger the Zap.');
  if (tag.length > 255) throw inputError(z, 'Tag is longer than 255 characters.');
  return tag;
};
