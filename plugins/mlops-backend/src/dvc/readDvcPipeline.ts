import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DVC_PIPELINE,
  ANNOTATION_SOURCE_LOCATION,
  DvcFileError,
  DvcMetricsFile,
  DvcPipelineResponse,
  DvcPlot,
  analyzeDvcPipeline,
  buildDvcContext,
  expandDvcStages,
  flattenDvcMetrics,
  listDvcHashedFiles,
  listDvcMetricsFiles,
  listDvcParamsFiles,
  listDvcPlots,
  listDvcVarsFiles,
  normalizeRelativePath,
  parseDvcYamlFile,
  readDvcPlot,
} from '@mlops-portal/plugin-mlops-common';
import { requireAnnotation, validatePipelinePath } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { SourceReader } from '../source/SourceReader';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';

/** A repository path of a file named relative to the dvc.yaml folder; undefined if it escapes the repository. */
function inRepo(dir: string, file: string): string | undefined {
  const path = normalizeRelativePath(dir ? `${dir}/${file}` : file);
  return path === '..' || path.startsWith('../') ? undefined : path;
}

function asInvalidInput(error: unknown): never {
  if (error instanceof DvcFileError) {
    throw new MlopsError('InvalidInput', error.message, {
      upstream: 'source',
      annotation: ANNOTATION_DVC_PIPELINE,
    });
  }
  throw error;
}

/**
 * The DVC card's answer: reads dvc.yaml, dvc.lock, params and declared
 * metrics and plots files of the entity's repository and analyses them.
 */
export async function readDvcPipeline(options: {
  entity: Entity;
  source: SourceReader;
  caller: ResilientCaller;
  /** A commit sha to read the files at, instead of the source location's branch. */
  ref?: string;
}): Promise<ReaderAnswer<DvcPipelineResponse>> {
  const { entity, source, caller, ref } = options;
  const pipelinePath = validatePipelinePath(
    requireAnnotation(entity, ANNOTATION_DVC_PIPELINE, 'DVC pipeline card'),
    ANNOTATION_DVC_PIPELINE,
  );
  const dir = pipelinePath.includes('/')
    ? pipelinePath.replace(/\/[^/]*$/, '')
    : '';
  const origin =
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION] ?? '';
  const fetchedAt = new FetchedAt();

  const read = async (path: string) => {
    const result = await caller.call(
      `source`,
      `${origin}${ref ? `@${ref}` : ''}#${path}`,
      async signal =>
        (await source.readText(entity, path, signal, ref)) ?? null,
    );
    return fetchedAt.track(result) ?? undefined;
  };
  const readParsed = async (path: string | undefined) => {
    if (!path) return undefined;
    const text = await read(path);
    return text === undefined ? undefined : parseDvcYamlFile(path, text);
  };

  try {
    const dvcText = await read(pipelinePath);
    if (dvcText === undefined) {
      throw new MlopsError(
        'NotFound',
        `${pipelinePath} (${ANNOTATION_DVC_PIPELINE}) does not exist in the entity's repository`,
        { upstream: 'source', annotation: ANNOTATION_DVC_PIPELINE },
      );
    }
    const dvcYaml = parseDvcYamlFile(pipelinePath, dvcText);

    const contextFiles: Record<string, unknown> = {};
    const contextNames = ['params.yaml', ...listDvcVarsFiles(dvcYaml)];
    await Promise.all(
      contextNames.map(async name => {
        const content = await readParsed(inRepo(dir, name));
        if (content !== undefined) contextFiles[name] = content;
      }),
    );
    const stages = expandDvcStages(
      dvcYaml,
      buildDvcContext(dvcYaml, contextFiles),
    );

    const paramsFiles: Record<string, unknown> = {};
    const metrics: DvcMetricsFile[] = [];
    // Bytes of the deps, outs and `.dvc` files git holds, hashed as DVC does. The
    // source reader gives text: a file that is not UTF-8 does not compare equal.
    // One that cannot be read (too large, a folder) stays unchecked.
    const contents: Record<string, Uint8Array> = {};
    const readHashed = async (file: string) => {
      const repoPath = inRepo(dir, file);
      const text = repoPath
        ? await read(repoPath).catch(() => undefined)
        : undefined;
      if (text !== undefined) contents[file] = new TextEncoder().encode(text);
    };
    // A plot that cannot be read (missing, too large, outside the repository) says so in its card, not as an error of the card.
    const plots: DvcPlot[] = await Promise.all(
      listDvcPlots(dvcYaml, stages).map(async declaration => {
        const repoPath = inRepo(dir, declaration.path);
        if (!repoPath)
          return {
            ...declaration,
            error: `${declaration.path} is outside the repository`,
          };
        const text = await read(repoPath).catch((error: Error) => error);
        if (text instanceof Error)
          return {
            ...declaration,
            error: `${declaration.path} could not be read: ${text.message}`,
          };
        return readDvcPlot(declaration, text);
      }),
    );
    const [dvcLock] = await Promise.all([
      readParsed(inRepo(dir, 'dvc.lock')),
      ...listDvcParamsFiles(stages).map(async file => {
        const content =
          file in contextFiles
            ? contextFiles[file]
            : await readParsed(inRepo(dir, file));
        if (content !== undefined) paramsFiles[file] = content;
      }),
      ...listDvcMetricsFiles(dvcYaml, stages).map(async file => {
        if (!/\.(json|ya?ml)$/.test(file)) return;
        const content = await readParsed(inRepo(dir, file));
        if (content !== undefined)
          metrics.push({ path: file, values: flattenDvcMetrics(content) });
      }),
      ...listDvcHashedFiles(stages).map(readHashed),
    ]);
    const analysis = analyzeDvcPipeline({
      stages,
      dvcLock,
      paramsFiles,
      contents,
    });
    metrics.sort((a, b) => a.path.localeCompare(b.path));
    const sourceUrl = source.linkTo(entity, pipelinePath);
    return {
      pipelinePath,
      ...analysis,
      metrics,
      plots,
      lockFileFound: dvcLock !== undefined,
      ...(sourceUrl ? { sourceUrl } : {}),
      meta: { fetchedAt: fetchedAt.oldest() },
    };
  } catch (error) {
    return asInvalidInput(error);
  }
}
