/** Small seeded PRNG (mulberry32) so that seed data and generated ids are repeatable between runs. */

const ID_CODES = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => c.charCodeAt(0));
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

export class Prng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Up to `n` distinct items. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    }
    return out;
  }

  /** HighLevel-style opaque id: 20 alphanumeric characters (docs/highlevel-api.md §1 IDs). */
  id(): string {
    return this.fromAlphabet(ID_CODES, 20);
  }

  /** 24-hex Mongo-style id, used for businesses (docs/highlevel-api.md §1 IDs). */
  hexId(): string {
    return this.fromAlphabet(HEX_CODES, 24);
  }

  /** Builds a flat string in one go (cheaper to hash as a Map key than a `+=` rope). */
  private fromAlphabet(codes: readonly number[], length: number): string {
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = codes[Math.floor(this.next() * codes.length)] as number;
    return String.fromCharCode(...out);
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}
