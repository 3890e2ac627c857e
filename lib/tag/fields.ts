import { isEmpty } from '../input';

/** Splits mapped tags that arrive as one comma-separated string as well as lists; each tag once. */
export const tagList = (value: unknown): string[] => {
  const items = Array.isArray(value) ? value : isEmpty(value) ? [] : [value];
  return [
    ...new Set(
      items
        .flatMap((item) => String(item).split(','))
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
};
