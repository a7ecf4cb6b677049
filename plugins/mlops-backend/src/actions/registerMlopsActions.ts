import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  GpuUsageResponse,
  MlopsPermission,
  MlopsResponseMeta,
  ReproducibilityResponse,
  mlopsCanaryReadPermission,
  mlopsDvcReadPermission,
  mlopsGpuReadPermission,
  mlopsMlflowReadPermission,
  mlopsReproducibilityReadPermission,
} from '@mlops-portal/plugin-mlops-common';
import { readCanaries } from '../canary/readCanaries';
import { readDvcPipeline } from '../dvc/readDvcPipeline';
import { requireAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { mlflowReaderFor } from '../mlflow/readerFor';
import { RouteContext } from '../routes/RouteContext';
import { ReaderAnswer } from '../upstream/fetchedAt';

/** The readers the routes use, handed to the actions as they are. */
export interface MlopsActionReaders {
  reproducibility: (
    entity: Entity,
    allowed: (permission: MlopsPermission) => Promise<unknown>,
  ) => Promise<ReaderAnswer<ReproducibilityResponse>>;
  gpuUsage: (entity: Entity) => Promise<ReaderAnswer<GpuUsageResponse>>;
}

/** The entity of an action's input, loaded with the caller's credentials and checked against the permission. */
async function entityFor(
  ctx: RouteContext,
  entityRef: string,
  credentials: BackstageCredentials,
  permission: MlopsPermission,
): Promise<Entity> {
  // Parses like the policy's groupRef (another package, other defaults and error): alike in shape only.
  let ref;
  try {
    ref = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new MlopsError(
      'InvalidInput',
      `entityRef '${entityRef}': ${(error as Error).message}`,
    );
  }
  return ctx.entities.loadRef(ref, credentials, permission);
}

/** The typed error as the Backstage error the actions registry answers with its status. */
function asBackstageError(error: unknown): Error {
  if (!(error instanceof MlopsError)) return error as Error;
  switch (error.code) {
    case 'NotFound':
      return new NotFoundError(error.message);
    case 'NotAllowed':
      return new NotAllowedError(error.message);
    case 'InvalidInput':
    case 'NotConfigured':
      return new InputError(error.message);
    case 'UpstreamUnavailable':
      return new ServiceUnavailableError(error.message);
    default:
      return error;
  }
}

const ENTITY_REF_DESCRIPTION =
  "The ML project's entity ref, e.g. component:default/fraud-detection (kind and namespace default to component and default)";

/** The zod the actions registry hands each schema. */
type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/** The input of every action that reads one entity and nothing else. */
const entityRefInput = (zod: Zod) =>
  zod.object({ entityRef: zod.string().describe(ENTITY_REF_DESCRIPTION) });

const LINK_STATUSES = ['ok', 'warning', 'failing', 'unknown'] as const;

/**
 * Registers the MLOps read-only actions (for MCP clients of the portal
 * through `@backstage/plugin-mcp-actions-backend`): each takes an entity ref,
 * loads the entity with the caller's credentials (catalog permissions apply),
 * checks the MLOps permission of that data, and answers what the matching
 * route answers, from the same reader.
 */
export function registerMlopsActions(
  actionsRegistry: ActionsRegistryService,
  ctx: RouteContext,
  readers: MlopsActionReaders,
) {
  // Every action answers a refusal with its status (404, 403, 400, 503), not a 500.
  const registry: ActionsRegistryService = {
    register: options =>
      actionsRegistry.register({
        ...options,
        action: async context => {
          try {
            return await options.action(context);
          } catch (error) {
            throw asBackstageError(error);
          }
        },
      }),
  };
  const attributes = { readOnly: true, idempotent: true, destructive: false };
  // The output is the route's JSON answer. The schemas name the fields an MCP
  // client relies on and pass the rest through; TypeScript cannot see that
  // our interfaces (no index signatures) fit zod's passthrough objects, so
  // the answer is handed over as the schema's type.
  const answer = <T extends { meta: MlopsResponseMeta }>(
    value: ReaderAnswer<T>,
  ) => ctx.respond(value) as never;
  // An entity action: load the entity against the permission of its data,
  // then answer what the route's reader reads of it.
  const readOf =
    <I extends { entityRef: string }, T extends { meta: MlopsResponseMeta }>(
      permission: MlopsPermission,
      read: (entity: Entity, input: I) => Promise<ReaderAnswer<T>>,
    ) =>
    async ({
      input,
      credentials,
    }: {
      input: I;
      credentials: BackstageCredentials;
    }) => {
      const entity = await entityFor(
        ctx,
        input.entityRef,
        credentials,
        permission,
      );
      return { output: answer(await read(entity, input)) };
    };
  // Both reproducibility actions read the chain alike; each link is checked
  // against the permission of the card it comes from.
  const reproducibilityOf = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => {
    const entity = await entityFor(
      ctx,
      entityRef,
      credentials,
      mlopsReproducibilityReadPermission,
    );
    return readers.reproducibility(entity, p =>
      entityFor(ctx, entityRef, credentials, p),
    );
  };

  registry.register({
    name: 'get-reproducibility',
    title: 'Is this ML project reproducible?',
    description:
      'The reproducibility chain of an ML project: code (head commit and required checks), GitOps (applied revision), infrastructure (Crossplane), experiment (MLflow runs of the head commit), data (dvc.lock freshness) and serving (the served model versions traced to their commit and data); each link ok, warning, failing or unknown with a reason, and a verdict naming the first broken link.',
    attributes,
    schema: {
      input: entityRefInput,
      output: z =>
        z
          .object({
            verdict: z.object({
              reproducible: z.boolean(),
              summary: z.string(),
              firstBroken: z.string().optional(),
            }),
            head: z
              .object({
                branch: z.string(),
                sha: z.string(),
                url: z.string().optional(),
              })
              .optional(),
            links: z.array(
              z
                .object({
                  id: z.string(),
                  title: z.string(),
                  status: z.enum(LINK_STATUSES),
                  reason: z.string(),
                  at: z.string().optional(),
                  url: z.string().optional(),
                })
                .passthrough(),
            ),
            lineage: z.array(
              z
                .object({
                  modelName: z.string(),
                  version: z.string(),
                  role: z.string(),
                })
                .passthrough(),
            ),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const read = await reproducibilityOf(input.entityRef, credentials);
      return { output: answer(read) };
    },
  });

  registry.register({
    name: 'get-canary-lineage',
    title: 'What trained the canary model?',
    description:
      'The lineage of each model version an ML project serves, the canary first: version → MLflow run → git commit → dvc.lock at that commit (fresh or stale) → the data hashes and params it was trained on.',
    attributes,
    schema: {
      input: entityRefInput,
      output: z =>
        z.object({
          serving: z.object({
            status: z.enum(LINK_STATUSES),
            reason: z.string(),
          }),
          lineage: z.array(
            z
              .object({
                modelName: z.string(),
                version: z.string(),
                role: z.enum(['canary', 'stable', 'served']),
                servedBy: z.string(),
                runId: z.string().optional(),
                commit: z.string().optional(),
                lockFresh: z.boolean().optional(),
                params: z.record(z.string()),
                data: z.array(
                  z.object({
                    stage: z.string(),
                    path: z.string(),
                    kind: z.enum(['dep', 'out']),
                    hash: z.string().optional(),
                  }),
                ),
              })
              .passthrough(),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const read = await reproducibilityOf(input.entityRef, credentials);
      const serving = read.links.find(l => l.id === 'serving')!;
      return {
        output: {
          serving: { status: serving.status, reason: serving.reason },
          lineage: read.lineage as never,
        },
      };
    },
  });

  registry.register({
    name: 'get-runs',
    title: 'Latest MLflow runs of an ML project',
    description:
      "The latest runs of the project's MLflow experiment (mlflow.org/experiment-name): status, params, metrics, git commit, link.",
    attributes,
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_DESCRIPTION),
          pageSize: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('How many runs, newest first (default 10)'),
        }),
      output: z =>
        z
          .object({
            runs: z.array(
              z
                .object({
                  runId: z.string(),
                  runName: z.string(),
                  status: z.string(),
                  runUrl: z.string(),
                })
                .passthrough(),
            ),
            experimentUrl: z.string(),
          })
          .passthrough(),
    },
    action: readOf(
      mlopsMlflowReadPermission,
      (entity, input: { entityRef: string; pageSize?: number }) =>
        mlflowReaderFor(ctx, entity).runs(
          requireAnnotation(
            entity,
            ANNOTATION_MLFLOW_EXPERIMENT_NAME,
            'get-runs action',
          ),
          { pageSize: input.pageSize ?? 10 },
        ),
    ),
  });

  registry.register({
    name: 'get-pipeline-status',
    title: 'DVC pipeline status of an ML project',
    description:
      'The DVC pipeline of an ML project (dvc.org/pipeline): its stages, and for each whether dvc.lock is up to date, stale (and why) or not run.',
    attributes,
    schema: {
      input: entityRefInput,
      output: z =>
        z
          .object({
            pipelinePath: z.string(),
            lockFileFound: z.boolean(),
            stages: z.array(z.object({ name: z.string() }).passthrough()),
            lock: z.record(
              z
                .object({
                  status: z.enum(['up-to-date', 'stale', 'not-run']),
                  reasons: z.array(z.string()),
                })
                .passthrough(),
            ),
          })
          .passthrough(),
    },
    action: readOf(mlopsDvcReadPermission, entity =>
      readDvcPipeline({
        entity,
        source: ctx.upstreams.source,
        caller: ctx.caller,
      }),
    ),
  });

  registry.register({
    name: 'get-gpu-usage',
    title: 'GPU usage of an ML project',
    description:
      "The GPUs an ML project's pods hold in each cluster, the GPU nodes, and idle GPUs.",
    attributes,
    schema: {
      input: entityRefInput,
      output: z =>
        z
          .object({
            clusters: z.array(z.object({ cluster: z.string() }).passthrough()),
          })
          .passthrough(),
    },
    action: readOf(mlopsGpuReadPermission, entity => readers.gpuUsage(entity)),
  });

  registry.register({
    name: 'get-canary-state',
    title: 'Canary rollouts of an ML project',
    description:
      'The canary rollouts of an ML project (Argo Rollouts, Flagger, KServe, Ray Serve): phase, current and desired weight, steps, analysis, the model version served.',
    attributes,
    schema: {
      input: entityRefInput,
      output: z =>
        z
          .object({
            rollouts: z.array(
              z
                .object({
                  cluster: z.string(),
                  name: z.string(),
                  source: z.string(),
                  phase: z.string(),
                  currentWeight: z.number(),
                  modelVersion: z.string().optional(),
                })
                .passthrough(),
            ),
            clusterErrors: z.array(
              z.object({ cluster: z.string() }).passthrough(),
            ),
          })
          .passthrough(),
    },
    action: readOf(mlopsCanaryReadPermission, entity =>
      readCanaries({
        entity,
        caller: ctx.caller,
        kubernetes: ctx.upstreams.kubernetes,
        logger: ctx.logger,
      }),
    ),
  });
}
