/** Epoch milliseconds → local date and time; `–` when unknown. */
export function formatTime(epochMs?: number): string {
  if (epochMs === undefined) return '–';
  return new Date(epochMs).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Milliseconds → `850 ms`, `12.3 s`, `4 min 5 s`, `2 h 3 min`. */
export function formatDuration(ms?: number): string {
  if (ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Metric values: up to 4 significant digits, no float noise. */
export function formatNumber(value?: number): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** MiB → `512 MiB` / `38.0 GiB`. */
export function formatMiB(mib?: number): string {
  if (mib === undefined) return '–';
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`;
}
