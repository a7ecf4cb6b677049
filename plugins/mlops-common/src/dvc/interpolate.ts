import { DvcFileError } from './errors';
import { isRecord, lookupPath } from './values';

const FULL_MATCH = /^\$\{\s*([^{}\s]+)\s*\}$/;
const ANY_MATCH = /(\\)?\$\{\s*([^{}\s]+)\s*\}/g;

/**
 * Resolves DVC's `${...}` templating against a context (params.yaml, `vars`,
 * `item`/`key` of a foreach or matrix). A value that is exactly one
 * `${...}` keeps its type; otherwise the result is a string, as in DVC.
 */
export function interpolate(
  value: unknown,
  context: Record<string, unknown>,
  where: string,
): unknown {
  if (typeof value === 'string') {
    const full = FULL_MATCH.exec(value);
    if (full) {
      return resolve(full[1], context, where);
    }
    return value.replace(ANY_MATCH, (match, escaped, path: string) => {
      if (escaped) return match.slice(1);
      const resolved = resolve(path, context, where);
      if (typeof resolved === 'object' && resolved !== null) {
        throw new DvcFileError(
          'dvc.yaml',
          'invalid',
          `${where}: \${${path}} is a ${
            Array.isArray(resolved) ? 'list' : 'mapping'
          } and cannot be part of a string`,
        );
      }
      return String(resolved);
    });
  }
  if (Array.isArray(value)) {
    return value.map(item => interpolate(item, context, where));
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        String(interpolate(k, context, where)),
        interpolate(v, context, where),
      ]),
    );
  }
  return value;
}

function resolve(
  path: string,
  context: Record<string, unknown>,
  where: string,
): unknown {
  const resolved = lookupPath(context, path);
  if (resolved === undefined) {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: cannot resolve \${${path}} (not in params.yaml, vars or the foreach/matrix item)`,
    );
  }
  return resolved;
}
