/** A linear scale from a data domain onto a pixel range. */
export function linearScale(
  [d0, d1]: [number, number],
  [r0, r1]: [number, number],
): (value: number) => number {
  const span = d1 - d0 || 1;
  return value => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Min and max of the finite values, widened a little so a flat series is visible. */
export function extent(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1;
    min -= pad;
    max += pad;
  }
  return [min, max];
}

/**
 * The "nice" step for about `count` intervals over `span`: 1, 2 or 5 times a
 * power of ten (the rule of d3-array's `tickIncrement`).
 */
export function tickStep(span: number, count: number): number {
  const raw = Math.abs(span) / Math.max(count, 1);
  if (!Number.isFinite(raw) || raw === 0) return 1;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  let factor = 1;
  if (error >= Math.sqrt(50)) factor = 10;
  else if (error >= Math.sqrt(10)) factor = 5;
  else if (error >= Math.sqrt(2)) factor = 2;
  return factor * 10 ** power;
}

/** k × step without float noise (3 × 0.1 is 0.3, not 0.30000000000000004). */
function multiple(k: number, step: number): number {
  const power = Math.floor(Math.log10(step));
  return power < 0
    ? (k * Math.round(step * 10 ** -power)) / 10 ** -power
    : k * step;
}

/** Nice ticks and the domain they span. */
export interface NiceAxis {
  /** The data domain widened to the outer ticks. */
  domain: [number, number];
  ticks: number[];
  step: number;
}

/**
 * Round tick values (0.80, 0.82, 0.84…) covering `[d0, d1]`, about `count`
 * intervals; the domain is widened to the first and last tick so the axis
 * starts and ends on a labelled value.
 */
export function niceAxis([d0, d1]: [number, number], count = 4): NiceAxis {
  let [lo, hi] = d0 <= d1 ? [d0, d1] : [d1, d0];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = extent([lo]);
  const step = tickStep(hi - lo, count);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(multiple(k, step));
  return {
    domain: [values[0], values[values.length - 1]],
    ticks: values,
    step,
  };
}

/** Nice ticks inside `[d0, d1]` only, for an axis that must not grow. */
export function ticks(domain: [number, number], count = 4): number[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  return niceAxis(domain, count).ticks.filter(
    t => t >= lo - 1e-12 && t <= hi + 1e-12,
  );
}

/**
 * The value axis of a bar chart that fits the data: it starts at zero when
 * zero is near the values (or among them), and otherwise just below the
 * smallest value, so 0.81 and 0.85 do not look equal. `fromZero` says which.
 */
export function barAxis(
  values: number[],
  count = 4,
): NiceAxis & {
  fromZero: boolean;
} {
  const [min, max] = extent(values);
  const span = max - min;
  if (min < 0 && max > 0) {
    return { ...niceAxis([min, max], count), fromZero: true };
  }
  // Zero stays on the axis when leaving it out would not even double the
  // room the differences get.
  if (min >= 0 && min <= span) {
    return { ...niceAxis([0, max], count), fromZero: true };
  }
  if (max <= 0 && -max <= span) {
    return { ...niceAxis([min, 0], count), fromZero: true };
  }
  // The shortest bar keeps a stub of a quarter of the span.
  const pad = span * 0.25;
  const domain: [number, number] =
    min > 0 ? [min - pad, max] : [min, max + pad];
  return { ...niceAxis(domain, count), fromZero: false };
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
