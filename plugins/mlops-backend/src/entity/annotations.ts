import { Entity } from '@backstage/catalog-model';
import { MlopsError } from '../errors/MlopsError';

/** An annotation the route needs; its absence is a typed `NotConfigured`. */
export function requireAnnotation(
  entity: Entity,
  key: string,
  forWhat: string,
): string {
  const value = entity.metadata.annotations?.[key]?.trim();
  if (!value) {
    throw new MlopsError(
      'NotConfigured',
      `the entity has no ${key} annotation, which the ${forWhat} needs`,
      { annotation: key },
    );
  }
  return value;
}

export function optionalAnnotation(
  entity: Entity,
  key: string,
): string | undefined {
  return entity.metadata.annotations?.[key]?.trim() || undefined;
}

/**
 * Checks `dvc.org/pipeline`: a relative path inside the repository, so an
 * annotation can never point the backend at another host, an absolute path
 * or a parent folder.
 */
export function validatePipelinePath(
  value: string,
  annotation: string,
): string {
  const invalid = (why: string) =>
    new MlopsError(
      'InvalidInput',
      `${annotation} '${value}' is not allowed: ${why}`,
      {
        annotation,
      },
    );
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value))
    throw invalid('it has a URL scheme');
  if (
    value.startsWith('/') ||
    value.startsWith('\\') ||
    /^[a-zA-Z]:/.test(value)
  ) {
    throw invalid('it must be relative to backstage.io/source-location');
  }
  const parts = value.split(/[\\/]/);
  if (parts.includes('..')) throw invalid('it must not contain ..');
  if (/[?#]/.test(value) || [...value].some(c => c.charCodeAt(0) < 32)) {
    throw invalid('it has a query, fragment or control character');
  }
  if (!/\.ya?ml$/.test(value)) throw invalid('it must name a dvc.yaml file');
  return parts.filter(p => p !== '' && p !== '.').join('/');
}
