import type { z } from 'zod';
import { lazy, zod } from './zod';

/**
 * One definition per HighLevel object: each output key is declared once, with the exact form of its value, how it is
 * read from HighLevel's answers, its empty value and its label. From that one table come the object's TypeScript
 * output type, its Zapier outputFields, the strict schema its samples must pass, and the lenient reader its parsers
 * build on. A field without a label does not compile: every constructor below takes one.
 *
 * Why the reader is lenient: answers are read after writes too, and a create that succeeded in HighLevel must not
 * fail in Zapier over one odd field, or Zapier replays it and writes the record twice. An unreadable value reads as
 * the field's empty value; only the id is required (see `ghl()`'s answer gate in lib/http/client.ts).
 */

export type OutputFieldType = 'integer' | 'number' | 'boolean' | 'datetime';

export interface OutputField {
  key: string;
  label: string;
  type?: OutputFieldType;
  /** Zapier dedupes polled items on the primary fields instead of `id`. */
  primary?: boolean;
}

type Output =
  | { kind: 'plain'; type?: OutputFieldType }
  | { kind: 'list' }
  | { kind: 'items'; children: readonly (Omit<OutputField, 'label'> & { label: string })[] }
  | { kind: 'none' };

export interface Field<T> {
  /** What the value must be in a sample (and what a faithful output holds). */
  readonly strict: z.ZodType<T>;
  /** What is accepted from a HighLevel answer; anything else reads as `empty`. */
  readonly read: z.ZodType<T>;
  readonly empty: T;
  readonly label: string;
  readonly output: Output;
}

type Shape = Record<string, Field<unknown>>;
export type OutputOf<F extends Shape> = { -readonly [K in keyof F]: F[K] extends Field<infer T> ? T : never } & { [extra: string]: unknown };

/**
 * The schemas are built on first use (lib/schema/zod.ts): the labels and output kinds are what the app needs when it
 * loads, for its outputFields.
 */
const make = <T>(strict: () => z.ZodType<T>, read: () => z.ZodType<T>, empty: T, label: string, output: Output = { kind: 'plain' }): Field<T> => {
  let strictSchema: z.ZodType<T> | undefined;
  let readSchema: z.ZodType<T> | undefined;
  return {
    get strict() {
      return (strictSchema ??= strict());
    },
    get read() {
      return (readSchema ??= read());
    },
    empty,
    label,
    output,
  };
};

/** Dates and times with a zone (Zapier's check D023): `2026-06-04T09:20:00.000Z`, `2026-06-24T11:00:00+02:00`. */
const IsoDateTime = lazy(() => zod.iso.datetime({ offset: true }));

export const field = {
  /** A HighLevel id: never empty in a sample. */
  id: (label: string) =>
    make<string>(
      () => zod.string().min(1),
      () => zod.string(),
      '',
      label,
    ),
  text: (label: string) =>
    make<string>(
      () => zod.string(),
      () => zod.string(),
      '',
      label,
    ),
  /**
   * A date and time with its zone; null when HighLevel sent none (never "": Zapier's check D024 and a Zap's date
   * formatter both treat an empty string as a broken date).
   */
  datetime: (label: string) =>
    make<string | null>(
      () => IsoDateTime,
      () => zod.string().min(1).nullable(),
      null,
      label,
      { kind: 'plain', type: 'datetime' },
    ),
  /**
   * A readable name (or email) the app looks up beside an ID, e.g. the assigned user's: null when unknown (the ID is
   * empty, the list has no such entry, or the list could not be read), never "".
   */
  lookedUp: (label: string) =>
    make<string | null>(
      () => zod.string().min(1).nullable(),
      () => zod.string().min(1).nullable(),
      null,
      label,
    ),
  /** A calendar day, YYYY-MM-DD. */
  date: (label: string) =>
    make<string>(
      () => zod.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      () => zod.string(),
      '',
      label,
    ),
  flag: (label: string) =>
    make<boolean>(
      () => zod.boolean(),
      () => zod.boolean(),
      false,
      label,
      { kind: 'plain', type: 'boolean' },
    ),
  integer: (label: string) =>
    make<number>(
      () => zod.number().int(),
      () => zod.number().int(),
      0,
      label,
      { kind: 'plain', type: 'integer' },
    ),
  number: (label: string) =>
    make<number>(
      () => zod.number(),
      () => zod.number(),
      0,
      label,
      { kind: 'plain', type: 'number' },
    ),
  /** One of a fixed set of texts. */
  oneOf: <T extends string>(values: readonly [T, ...T[]], label: string) =>
    make<T>(
      () => zod.enum(values),
      () => zod.enum(values),
      values[0],
      label,
    ),
  /** A list of texts, offered as `key[]`. */
  list: (label: string) =>
    make<string[]>(
      () => zod.array(zod.string()),
      () => zod.array(zod.string()),
      [],
      label,
      { kind: 'list' },
    ),
  /** Line items, offered as `key[]child` for each child named here (with its own full label). */
  items: <T>(item: () => z.ZodType<T>, label: string, children: readonly OutputField[]) =>
    make<T[]>(
      () => zod.array(item()),
      () => zod.array(item()),
      [],
      label,
      { kind: 'items', children },
    ),
  /** A value kept in the output for mapping by hand but not offered as an output field of its own. */
  hidden: <T>(strict: () => z.ZodType<T>, empty: T, label: string) => make<T>(strict, strict, empty, label, { kind: 'none' }),
  /** The same field with another label (variants such as "Change ID"). */
  relabel: <T>(f: Field<T>, label: string): Field<T> =>
    make<T>(
      () => f.strict,
      () => f.read,
      f.empty,
      label,
      f.output,
    ),
};

export interface ObjectDef<F extends Shape> {
  readonly fields: F;
  /** Samples must pass this: every declared key present with its exact form, no other key. */
  readonly strict: z.ZodType<OutputOf<F>>;
  /** Every output passes this: every declared key present with the right type (dates may be empty), others allowed. */
  readonly output: z.ZodType<OutputOf<F>>;
  readonly outputFields: OutputField[];
  /** Every declared key read leniently from an answer (unreadable or missing → the field's empty value). */
  readonly read: (raw: Record<string, unknown>) => { [K in keyof F]: F[K] extends Field<infer T> ? T : never };
}

const outputFieldsOf = (fields: Shape): OutputField[] =>
  Object.entries(fields).flatMap(([key, f]): OutputField[] => {
    switch (f.output.kind) {
      case 'none':
        return [];
      case 'list':
        return [{ key: `${key}[]`, label: f.label }];
      case 'items':
        return f.output.children.map((c) => ({ ...c, key: `${key}[]${c.key}` }));
      default:
        return [f.output.type ? { key, label: f.label, type: f.output.type } : { key, label: f.label }];
    }
  });

export const defineObject = <F extends Shape>(fields: F): ObjectDef<F> => {
  const strictShape = () => Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.strict]));
  const outputShape = () => Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.read]));
  return {
    fields,
    strict: lazy(() => zod.strictObject(strictShape()) as unknown as z.ZodType<OutputOf<F>>),
    output: lazy(() => zod.looseObject(outputShape()) as unknown as z.ZodType<OutputOf<F>>),
    outputFields: outputFieldsOf(fields),
    read: (raw) => {
      const out: Record<string, unknown> = {};
      for (const [key, f] of Object.entries(fields)) {
        const parsed = f.read.safeParse(raw[key]);
        out[key] = parsed.success ? parsed.data : f.empty;
      }
      return out as { [K in keyof F]: F[K] extends Field<infer T> ? T : never };
    },
  };
};

/** A record as a plain object (answers are JSON objects; anything else reads as an empty record). */
export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * The "updated" variant of an object: Zapier dedupes polling items on `id`, so each change gets an id of its own and
 * the object's real id moves to `realIdKey` (docs/highlevel-api.md §8). Same fields otherwise, same order.
 */
export const changeVariant = <F extends Shape & { id: Field<string> }, K extends string>(
  def: ObjectDef<F>,
  { idLabel, realIdKey, realIdLabel }: { idLabel: string; realIdKey: K; realIdLabel: string },
): ObjectDef<Omit<F, 'id'> & { id: Field<string> } & { [P in K]: Field<string> }> => {
  const { id, ...rest } = def.fields;
  return defineObject({ id: field.relabel(id, idLabel), [realIdKey]: field.id(realIdLabel), ...rest } as unknown as Omit<F, 'id'> & { id: Field<string> } & {
    [P in K]: Field<string>;
  });
};
