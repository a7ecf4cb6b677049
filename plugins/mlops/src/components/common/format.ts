/** Epoch milliseconds → local date and time; `–` when unknown. */
export function formatTime(epochMs?: number): string {
  if (epochMs === undefined) return '–';
  return new Date(epochMs).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Milliseconds → `850 ms`, `12.3 s`, `4 min 5 s`, `2 h 3 min`, `7 d 2 h`. */
export function formatDuration(ms?: number): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(Math.max(ms, 0))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * How long a run took, or, while it is still running, how long it has run
 * so far (`12 min 3 s so far`).
 */
export function formatRunDuration(
  run: { durationMs?: number; startTime?: number; status: string },
  now: number = Date.now(),
): string {
  if (run.durationMs !== undefined) return formatDuration(run.durationMs);
  if (run.status === 'RUNNING' && run.startTime !== undefined) {
    return `${formatDuration(Math.max(now - run.startTime, 0))} so far`;
  }
  return '–';
}

// One formatter per option set: Intl.NumberFormat is costly to build.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', options);
    formatters.set(key, formatter);
  }
  return formatter;
}

const scientific = (value: number, digits: number) =>
  numberFormat({ notation: 'scientific', maximumSignificantDigits: digits })
    .format(value)
    .replace('E', 'e');

/**
 * A number as a person reads it, by magnitude: float noise removed
 * (0.8979999999999999 → `0.898`), 4 significant digits below 1,000
 * (`0.8124`, `12.35`), whole numbers with thousands separators up to a
 * million (`12,346`), then compact (`3.4M`), and very small values in
 * scientific notation (`1.2e-5`, as MLflow shows learning rates). A metric
 * that diverged (MLflow's `"NaN"`) says `NaN`; a missing value `–`.
 */
export function formatNumber(
  value?: number | 'NaN' | 'Infinity' | '-Infinity',
): string {
  // MLflow's non-finite metric values arrive as these strings.
  if (value === 'NaN') return 'NaN';
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value === Infinity || value === 'Infinity') return '∞';
  if (value === -Infinity || value === '-Infinity') return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) {
    return numberFormat({
      notation: 'compact',
      maximumSignificantDigits: 3,
    }).format(value);
  }
  if (magnitude >= 1000) {
    return numberFormat({ maximumFractionDigits: 0 }).format(value);
  }
  if (magnitude < 1e-3) return scientific(value, 3);
  return numberFormat({
    maximumSignificantDigits: 4,
    useGrouping: false,
  }).format(value);
}

/**
 * Axis tick labels: every tick with the same number of decimals, as many as
 * the step between ticks needs (0.80, 0.82, 0.84 rather than 0.8, 0.82).
 */
export function formatTicks(ticks: number[]): string[] {
  if (ticks.length < 2) return ticks.map(formatNumber);
  const step = Math.abs(ticks[1] - ticks[0]);
  const largest = Math.max(...ticks.map(Math.abs));
  if (!Number.isFinite(step) || step === 0 || step < 1e-3 || largest >= 1e6) {
    return ticks.map(formatNumber);
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const format = numberFormat({
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  // `-0.00` is zero.
  return ticks.map(t =>
    format.format(t === 0 ? 0 : t).replace(/^-(0\.?0*)$/, '$1'),
  );
}

/** A value from a metrics or params file: numbers formatted, the rest as text. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (value === undefined || value === null) return '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** MiB → `512 MiB` / `38.0 GiB`. */
export function formatMiB(mib?: number): string {
  if (mib === undefined) return '–';
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`;
}
