import { parseDocument } from 'yaml';
import { DvcFileError } from './errors';

/** Largest DVC file (dvc.yaml, dvc.lock, params, metrics) the parser accepts. @public */
export const DVC_MAX_FILE_BYTES = 1024 * 1024;

/**
 * Aliases a legitimate pipeline file may use. A "billion laughs" document
 * needs far more, and is refused before it expands.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a YAML (or JSON) DVC file with the limits a server needs: size cap,
 * alias-expansion cap, and a clear error for malformed input.
 *
 * @public
 */
export function parseDvcYamlFile(file: string, text: string): unknown {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > DVC_MAX_FILE_BYTES) {
    throw new DvcFileError(
      file,
      'too-large',
      `file is ${bytes} bytes, more than the ${DVC_MAX_FILE_BYTES} bytes allowed`,
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line;
    throw new DvcFileError(
      file,
      'malformed',
      `malformed YAML${line ? ` at line ${line}` : ''}: ${
        first.message.split('\n')[0]
      }`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      throw new DvcFileError(
        file,
        'alias-bomb',
        `refused: YAML aliases expand beyond ${MAX_ALIAS_COUNT} nodes (resource exhaustion)`,
      );
    }
    throw new DvcFileError(file, 'malformed', `malformed YAML: ${message}`);
  }
}
