import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  ANNOTATION_SOURCE_LOCATION,
  DVC_MAX_FILE_BYTES,
  DvcFileError,
} from '@mlops-portal/plugin-mlops-common';
import { Readable } from 'stream';
import { requireAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { SourceReader } from './SourceReader';

async function readCapped(stream: Readable, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > DVC_MAX_FILE_BYTES) {
      stream.destroy();
      throw new DvcFileError(
        path,
        'too-large',
        `file is larger than the ${DVC_MAX_FILE_BYTES} bytes allowed`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const COMMIT_SHA = /^[0-9a-f]{7,64}$/;

/**
 * The source location with its branch replaced by the commit `ref`: GitHub's
 * `/tree/<branch>/`, GitLab's `/-/tree/<branch>/`, Bitbucket's `/src/<branch>/`
 * (a branch name with a slash is not supported). Only commit shas are taken,
 * since the ref ends up in a URL.
 */
export function atRef(location: string, ref: string | undefined): string {
  if (ref === undefined) return location;
  if (!COMMIT_SHA.test(ref)) {
    throw new MlopsError('InvalidInput', `'${ref}' is not a commit sha`, {
      upstream: 'source',
    });
  }
  const match = location.match(
    /^(https?:\/\/[^?#]*?\/(?:-\/)?(?:tree|blob|src)\/)[^/?#]+(\/[^?#]*)?$/,
  );
  if (!match) {
    throw new MlopsError(
      'NotConfigured',
      `${ANNOTATION_SOURCE_LOCATION} '${location}' names no branch to replace with commit ${ref.slice(
        0,
        12,
      )}`,
      { upstream: 'source', annotation: ANNOTATION_SOURCE_LOCATION },
    );
  }
  return `${match[1]}${ref}${match[2] ?? '/'}`;
}

/**
 * Reads repository files through Backstage's UrlReader, so the portal's
 * `integrations:` (tokens, GitHub apps, hosts allow-list) apply.
 */
export class UrlReaderSource implements SourceReader {
  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
  ) {}

  private resolve(entity: Entity, path: string, ref?: string): string {
    const location = requireAnnotation(
      entity,
      ANNOTATION_SOURCE_LOCATION,
      'DVC pipeline card',
    );
    const base = atRef(location.replace(/^url:/, ''), ref);
    if (!/^https?:\/\//.test(base)) {
      throw new MlopsError(
        'InvalidInput',
        `${ANNOTATION_SOURCE_LOCATION} must be a url: location, got '${location}'`,
        { annotation: ANNOTATION_SOURCE_LOCATION },
      );
    }
    return this.integrations.resolveUrl({
      url: path,
      base: base.endsWith('/') ? base : `${base}/`,
    });
  }

  linkTo(entity: Entity, path: string) {
    return this.resolve(entity, path);
  }

  async readText(
    entity: Entity,
    path: string,
    signal: AbortSignal,
    ref?: string,
  ) {
    const url = this.resolve(entity, path, ref);
    try {
      const response = await this.urlReader.readUrl(url, { signal });
      if (response.stream) return await readCapped(response.stream(), path);
      const buffer = await response.buffer();
      if (buffer.length > DVC_MAX_FILE_BYTES) {
        throw new DvcFileError(
          path,
          'too-large',
          `file is larger than the ${DVC_MAX_FILE_BYTES} bytes allowed`,
        );
      }
      return buffer.toString('utf8');
    } catch (error) {
      if (error instanceof DvcFileError || error instanceof MlopsError)
        throw error;
      const name = (error as Error)?.name;
      const message = (error as Error)?.message ?? String(error);
      if (name === 'NotFoundError') return undefined;
      if (signal.aborted) {
        throw new MlopsError(
          'UpstreamUnavailable',
          `${path}: no answer from the source host in time`,
          {
            upstream: 'source',
          },
        );
      }
      if (/no (url )?reader|not allowed|no integration/i.test(message)) {
        throw new MlopsError(
          'NotConfigured',
          `${path}: the portal has no integration that may read ${
            new URL(url).host
          }`,
          { upstream: 'source', annotation: ANNOTATION_SOURCE_LOCATION },
        );
      }
      throw new MlopsError(
        'UpstreamError',
        `${path}: could not be read: ${message}`,
        {
          upstream: 'source',
        },
      );
    }
  }
}
