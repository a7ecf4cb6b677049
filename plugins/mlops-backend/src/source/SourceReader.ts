import { Entity } from '@backstage/catalog-model';

/**
 * Reads committed files of an entity's repository (dvc.yaml, dvc.lock,
 * params and metrics files). Paths are relative to the repository root
 * (`backstage.io/source-location`) and already validated.
 */
export interface SourceReader {
  /** The file's text, or `undefined` when it does not exist. */
  readText(entity: Entity, path: string, signal: AbortSignal): Promise<string | undefined>;
  /** A link to the file for the UI, when one can be built. */
  linkTo(entity: Entity, path: string): string | undefined;
}
