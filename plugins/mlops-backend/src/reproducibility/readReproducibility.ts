import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SOURCE_LOCATION,
  CHAIN_LINK_TITLES,
  ChainLink,
  ChainLinkId,
  MlopsPermission,
  ModelLineage,
  ReproducibilityResponse,
  mlopsCanaryReadPermission,
  mlopsDvcReadPermission,
  mlopsMlflowReadPermission,
} from '@mlops-portal/plugin-mlops-common';
import { readCanaries } from '../canary/readCanaries';
import { requireAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { MlflowReader } from '../mlflow/MlflowReader';
import { SourceReader } from '../source/SourceReader';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { ClusterAccess, gitopsLink, infrastructureLink } from './clusterLinks';
import { codeLink } from './codeLink';
import { settleLink } from './link';
import {
  PipelineAtCommit,
  dataLink,
  expectedRunParams,
  experimentLink,
  pipelineAt,
  servingLink,
} from './mlLinks';
import { HeadCommit, ScmStatusReader } from './scm';

/** What the chain reads through. */
export interface ReproducibilityDeps {
  caller: ResilientCaller;
  kubernetes: KubernetesClient;
  source: SourceReader;
  scm: ScmStatusReader;
  /** The entity's MLflow reader; throws when no instance is configured (the MLflow links say so). */
  mlflow: () => MlflowReader;
  logger: LoggerService;
  /**
   * Throws `NotAllowed` when the caller may not read that kind of MLOps data
   * of the entity: the links built from MLflow, DVC or canary data check the
   * permission of that card, so the chain shows no more than the cards would.
   */
  allowed: (permission: MlopsPermission) => Promise<void>;
}

// The chain's order; the actions test writes it out itself so that a change of it fails there.
const ORDER: ChainLinkId[] = [
  'code',
  'gitops',
  'infrastructure',
  'experiment',
  'data',
  'serving',
];

/** "reproducible", or the first failing link (else the first one that could not be read). */
export function verdictOf(
  links: ChainLink[],
): ReproducibilityResponse['verdict'] {
  const broken =
    links.find(l => l.status === 'failing') ??
    links.find(l => l.status === 'unknown');
  if (!broken) {
    const warnings = links.filter(l => l.status === 'warning');
    return {
      reproducible: true,
      summary: warnings.length
        ? `reproducible (with warnings: ${warnings
            .map(l => l.title)
            .join(', ')})`
        : 'reproducible',
    };
  }
  return {
    reproducible: false,
    summary: `${broken.status === 'failing' ? 'broken at' : 'not proven:'} ${
      broken.title
    }: ${broken.reason}`,
    firstBroken: broken.id,
  };
}

/**
 * The reproducibility chain of an entity: code → GitOps → infrastructure →
 * experiment → data → serving, each link read on its own (one that cannot be
 * read says why and the others still show), and the lineage of each served
 * model version back to its commit's data.
 */
export async function readReproducibility(
  entity: Entity,
  deps: ReproducibilityDeps,
): Promise<ReaderAnswer<ReproducibilityResponse>> {
  const fetchedAt = new FetchedAt();
  const checks = new Map<string, Promise<void>>();
  const allowed = (...permissions: MlopsPermission[]) =>
    Promise.all(
      permissions.map(p => {
        if (!checks.has(p.name)) checks.set(p.name, deps.allowed(p));
        return checks.get(p.name)!;
      }),
    );
  const access: ClusterAccess = {
    caller: deps.caller,
    kubernetes: deps.kubernetes,
    fetchedAt,
  };
  const atCommit = new Map<string, Promise<PipelineAtCommit>>();
  const pipeline = (ref: string | undefined) => {
    const key = ref ?? '';
    if (!atCommit.has(key)) {
      atCommit.set(
        key,
        pipelineAt({
          entity,
          source: deps.source,
          caller: deps.caller,
          fetchedAt,
          ref,
        }),
      );
    }
    return atCommit.get(key)!;
  };
  let mlflow: MlflowReader | undefined;
  const mlflowReader = () => (mlflow ??= deps.mlflow());

  // The head commit first: the other links compare against it.
  let head: HeadCommit | undefined;
  const code = await settleLink('code', async () => {
    const location = requireAnnotation(
      entity,
      ANNOTATION_SOURCE_LOCATION,
      'reproducibility card',
    );
    head = fetchedAt.track(
      await deps.caller.call('source', `head:${location}`, signal =>
        deps.scm.head(location, signal),
      ),
    );
    return codeLink(head);
  });
  const headSha = head?.sha;
  const needHead = () => {
    if (!headSha) {
      throw new MlopsError(
        'NotFound',
        `head commit unknown (${CHAIN_LINK_TITLES.code}: ${code.reason})`,
        { upstream: 'source' },
      );
    }
    return headSha;
  };

  let lineage: ModelLineage[] = [];
  const [gitops, infrastructure, experiment, data, serving] = await Promise.all(
    [
      settleLink('gitops', () => gitopsLink(entity, access, headSha)),
      settleLink('infrastructure', () => infrastructureLink(entity, access)),
      settleLink('experiment', async () => {
        await allowed(mlopsMlflowReadPermission, mlopsDvcReadPermission);
        const sha = needHead();
        const expected = expectedRunParams(
          (await pipeline(sha)).pipeline.params,
        );
        return experimentLink({
          entity,
          mlflow: mlflowReader(),
          head: sha,
          expected,
        });
      }),
      settleLink('data', async () => {
        await allowed(mlopsDvcReadPermission);
        return dataLink(headSha, await pipeline(headSha));
      }),
      settleLink('serving', async () => {
        await allowed(
          mlopsCanaryReadPermission,
          mlopsMlflowReadPermission,
          mlopsDvcReadPermission,
        );
        const canary = await readCanaries({
          entity,
          caller: deps.caller,
          kubernetes: deps.kubernetes,
          logger: deps.logger,
        });
        fetchedAt.track({ value: undefined, fetchedAt: canary.meta.fetchedAt });
        const answer = await servingLink({
          entity,
          rollouts: canary.rollouts,
          mlflow: mlflowReader(),
          head: headSha,
          atCommit: sha => pipeline(sha),
        });
        lineage = answer.lineage;
        return answer.link;
      }),
    ],
  );
  const links = [code, gitops, infrastructure, experiment, data, serving].sort(
    (a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id),
  );
  return {
    verdict: verdictOf(links),
    ...(head
      ? {
          head: {
            branch: head.branch,
            sha: head.sha,
            ...(head.url ? { url: head.url } : {}),
          },
        }
      : {}),
    links,
    lineage,
    meta: { fetchedAt: fetchedAt.oldest() },
  };
}
