import { isEmpty, text } from '../input';

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
