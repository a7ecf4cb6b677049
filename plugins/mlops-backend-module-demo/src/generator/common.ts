/*
 * What every part of the demo data generator shares: the demo's fixed clock
 * and one seeded PRNG, consumed in a fixed order (MLflow, then Kubernetes,
 * then Prometheus), so a re-run writes byte-identical files.
 */

// The demo's "now": every timestamp is derived from it, never from the wall clock.
export const NOW_MS = Date.UTC(2026, 10, 24, 16, 0, 0);
export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

/** mulberry32: a small, well-known seeded PRNG. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min: number, max: number) => min + (max - min) * next(),
    int: (min: number, max: number) =>
      Math.floor(min + (max - min + 1) * next()),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    hex: (length: number) =>
      Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(
        '',
      ),
    alnum: (length: number) =>
      Array.from(
        { length },
        () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(next() * 27)],
      ).join(''),
  };
}

export const random = createRandom(20261124);
export const round = (value: number, digits: number) =>
  Number(value.toFixed(digits));
export const iso = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One file the generator writes, relative to the fixtures folder. */
export interface FixtureFile {
  path: string;
  body: unknown;
}

export const fixture = (path: string, body: unknown): FixtureFile => ({
  path,
  body,
});
