/**
 * A tiny seeded pseudo-random source (mulberry32) for reproducible demo and test data.
 * Never use it for anything that must be unpredictable (tokens, passwords).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `n` elements from distinct positions of `items`, in random order (all of them if `n` is larger). */
  sample<T>(items: readonly T[], n: number): T[];
  /** True with probability `p`. */
  chance(p: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`invalid integer range [${min}, ${max}]`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty array');
      return items[int(0, items.length - 1)] as T;
    },
    sample<T>(items: readonly T[], n: number): T[] {
      const pool = [...items];
      const size = Math.max(0, Math.min(n, pool.length));
      for (let i = 0; i < size; i++) {
        const j = int(i, pool.length - 1);
        [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
      }
      return pool.slice(0, size);
    },
    chance(p: number): boolean {
      return next() < p;
    },
  };
}
