/** A linear scale from a data domain onto a pixel range. */
export function linearScale(
  [d0, d1]: [number, number],
  [r0, r1]: [number, number],
): (value: number) => number {
  const span = d1 - d0 || 1;
  return value => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Min and max of values, widened a little so a flat series is visible. */
export function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1;
    min -= pad;
    max += pad;
  }
  return [min, max];
}

/** Up to `count` evenly spaced ticks over the domain. */
export function ticks([d0, d1]: [number, number], count = 4): number[] {
  const step = (d1 - d0) / count;
  return Array.from({ length: count + 1 }, (_, i) => d0 + step * i);
}

/** Colour-blind-safe palette (Okabe–Ito). */
export const SERIES_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];
