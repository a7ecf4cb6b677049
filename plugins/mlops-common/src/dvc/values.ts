/** Plain-object check for parsed YAML values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Flattens nested mappings into dotted keys (`train.n_estimators`), the way
 * DVC names params and metrics. Lists are kept as values.
 *
 * @public
 */
export function flattenDvcValues(
  value: unknown,
  prefix = '',
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      flattenDvcValues(inner, prefix ? `${prefix}.${key}` : key, into);
    }
  } else if (prefix) {
    into[prefix] = value;
  }
  return into;
}

/** Reads `a.b[0].c` from a nested value; undefined when absent. */
export function lookupPath(root: unknown, path: string): unknown {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(part => part !== '');
  let current: unknown = root;
  for (const part of parts) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      current = current[Number(part)];
    } else if (isRecord(current) && part in current) {
      current = current[part];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Structural equality of parsed YAML/JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(key => key in b && deepEqual(a[key], b[key]))
    );
  }
  return false;
}
