/** Small seeded PRNG (mulberry32) so that seed data and generated ids are repeatable between runs. */

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

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

  /** HighLevel-style opaque id: 20 alphanumeric characters (§1 IDs). */
  id(): string {
    let out = '';
    for (let i = 0; i < 20; i++) out += ID_ALPHABET[Math.floor(this.next() * ID_ALPHABET.length)];
    return out;
  }

  /** 24-hex Mongo-style id, used for businesses (§1 IDs). */
  hexId(): string {
    let out = '';
    for (let i = 0; i < 24; i++) out += HEX[Math.floor(this.next() * 16)];
    return out;
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}
