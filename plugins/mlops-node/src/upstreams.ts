import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ChainLinkStatus } from '@mlops-portal/plugin-mlops-common';
import { MlflowInstanceConfig } from './config';
import { MlflowTransport } from './mlflow/transport';

/** Minimal shape of a Kubernetes list answer; items are typed by the caller. @public */
export interface MlopsKubernetesList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { continue?: string; resourceVersion?: string };
  items: T[];
}

/**
 * Read access to the clusters the Kubernetes plugin is configured with.
 * Every method takes the caller's deadline as `signal`.
 *
 * @public
 */
export interface MlopsKubernetesClient {
  /** Names of the clusters the Kubernetes backend knows. */
  listClusters(signal: AbortSignal): Promise<string[]>;
  /**
   * GETs a list path (`/api/v1/nodes`, `/apis/argoproj.io/v1alpha1/namespaces/x/rollouts?labelSelector=...`).
   * `undefined` when the cluster does not serve that API (a CRD that is not installed).
   */
  list<T>(
    cluster: string,
    path: string,
    signal: AbortSignal,
  ): Promise<MlopsKubernetesList<T> | undefined>;
}

/** One series of an instant vector: labels and the sample value. @public */
export interface MlopsPrometheusSample {
  labels: Record<string, string>;
  value: number;
}

/** One series of a range query: labels and its `[unix seconds, value]` points. @public */
export interface MlopsPrometheusSeries {
  labels: Record<string, string>;
  values: Array<[number, number]>;
}

/** A range query: from `start` to `end` (unix seconds) every `stepSeconds`. @public */
export interface MlopsPrometheusRange {
  start: number;
  end: number;
  stepSeconds: number;
}

/** Instant (`/api/v1/query`) and range (`/api/v1/query_range`) queries against the Prometheus HTTP API. @public */
export interface MlopsPrometheusClient {
  query(promql: string, signal: AbortSignal): Promise<MlopsPrometheusSample[]>;
  /** Range queries (GPU-hours); a client without them gives no GPU-hours figures. */
  queryRange?(
    promql: string,
    range: MlopsPrometheusRange,
    signal: AbortSignal,
  ): Promise<MlopsPrometheusSeries[]>;
}

/**
 * Reads committed files of an entity's repository (dvc.yaml, dvc.lock,
 * params and metrics files). Paths are relative to the repository root
 * (`backstage.io/source-location`) and already validated.
 *
 * @public
 */
export interface MlopsSourceReader {
  /**
   * The file's text, or `undefined` when it does not exist. `ref` (a commit
   * sha) reads the file at that commit instead of the branch of
   * `backstage.io/source-location`; a reader that cannot read at a ref throws.
   */
  readText(
    entity: Entity,
    path: string,
    signal: AbortSignal,
    ref?: string,
  ): Promise<string | undefined>;
  /** A link to the file for the UI, when one can be built. */
  linkTo(entity: Entity, path: string): string | undefined;
}

/** A check of a commit: a GitHub check run or a GitLab pipeline. @public */
export interface MlopsHeadCheck {
  name: string;
  status: ChainLinkStatus;
  /** The provider's own words: `completed/success`, `in_progress`, `failed`... */
  state: string;
  required: boolean;
  url?: string;
}

/** The default branch's head commit and its checks, as the SCM host reports them. @public */
export interface MlopsHeadCommit {
  provider: 'github' | 'gitlab';
  branch: string;
  sha: string;
  committedAt?: string;
  url?: string;
  checks: MlopsHeadCheck[];
  /** Required checks that have not reported on the commit at all. */
  missingRequired: string[];
}

/**
 * Reads the head commit of an entity's repository and its checks (the code
 * link of the reproducibility chain). By default the portal's SCM
 * integrations (`integrations:` config and their credentials).
 *
 * @public
 */
export interface MlopsScmStatusReader {
  /** `sourceLocation` is the entity's `backstage.io/source-location`. */
  head(sourceLocation: string, signal: AbortSignal): Promise<MlopsHeadCommit>;
}

/** How the backend reaches MLflow: which instance an entity names, and the transport to it. @public */
export interface MlopsMlflowUpstream {
  /**
   * The instance an entity's `mlflow.org/instance` annotation names (the
   * default instance when it names none), or `undefined` when no such
   * instance exists. Never a URL taken from the request.
   */
  instance(requested: string | undefined): MlflowInstanceConfig | undefined;
  transport(instance: MlflowInstanceConfig): MlflowTransport;
}

/**
 * What a module may replace of how the `mlops` backend plugin reaches its
 * upstreams. Anything not set stays the real client built from config (the
 * MLflow REST API, the Kubernetes backend's proxy, Prometheus' HTTP API,
 * Backstage's UrlReader, the SCM integrations' commit and check APIs).
 *
 * @public
 */
export interface MlopsUpstreamsExtensionPoint {
  setMlflow(mlflow: MlopsMlflowUpstream): void;
  setKubernetesClient(client: MlopsKubernetesClient): void;
  setPrometheusClient(client: MlopsPrometheusClient): void;
  setSourceReader(reader: MlopsSourceReader): void;
  /** The head commit and its checks (the reproducibility chain's code link). */
  setScmStatusReader(reader: MlopsScmStatusReader): void;
  /**
   * Marks every answer as demo data (`meta.demo: true`, the "demo data"
   * badge of the cards), for a module whose upstreams are not live systems.
   */
  markAsDemoData(): void;
}

/**
 * Extension point of the `mlops` backend plugin for how it reaches MLflow,
 * Kubernetes, Prometheus and the entity's repository; the demo module uses it.
 *
 * @public
 */
export const mlopsUpstreamsExtensionPoint =
  createExtensionPoint<MlopsUpstreamsExtensionPoint>({
    id: 'mlops.upstreams',
  });
