import { MlopsErrorBody } from './errors';
import { MlopsResponseMeta } from './meta';

/** How one link of the reproducibility chain stands. @public */
export type ChainLinkStatus = 'ok' | 'warning' | 'failing' | 'unknown';

/** The links of the chain, in the order the project's promise runs. @public */
export type ChainLinkId =
  | 'code'
  | 'gitops'
  | 'infrastructure'
  | 'experiment'
  | 'data'
  | 'serving';

/** Titles of the chain's links, as the card and the actions name them. @public */
export const CHAIN_LINK_TITLES: Record<ChainLinkId, string> = {
  code: 'Code',
  gitops: 'GitOps',
  infrastructure: 'Infrastructure',
  experiment: 'Experiment',
  data: 'Data',
  serving: 'Serving',
};

/** One fact of a link (a check run, a condition, a run), with its own status. @public */
export interface ChainLinkDetail {
  label: string;
  value: string;
  status?: ChainLinkStatus;
  url?: string;
}

/** One link of the chain. @public */
export interface ChainLink {
  id: ChainLinkId;
  title: string;
  status: ChainLinkStatus;
  /** One line: why the link has this status (for `unknown`, why it could not be read). */
  reason: string;
  /** When what the link reports happened (commit time, last sync, run end...), ISO 8601. */
  at?: string;
  /** Deep link into the tool that owns it (GitHub, Argo CD, MLflow...). */
  url?: string;
  details: ChainLinkDetail[];
  /** Why the link could not be read, typed as the cards' errors are. */
  error?: MlopsErrorBody['error'];
}

/** A node of a model's lineage graph: model version → run → commit → data. @public */
export interface LineageNode {
  kind: 'model-version' | 'run' | 'commit' | 'data';
  /** Version number, run id, commit sha, or `stage:path`. */
  id: string;
  label: string;
  status: ChainLinkStatus;
  /** What is wrong with this node, when its status is not ok. */
  reason?: string;
  url?: string;
}

/** One data version a model was trained on: a dep or out of a dvc.lock stage. @public */
export interface LineageData {
  stage: string;
  path: string;
  kind: 'dep' | 'out';
  /** The hash dvc.lock records (md5, or etag / checksum for remote deps). */
  hash?: string;
}

/** The trace of one served model version back to its code and data. @public */
export interface ModelLineage {
  modelName: string;
  version: string;
  /** `canary` while it takes a share of traffic; `stable` for the version the canary replaces; `served` otherwise. */
  role: 'canary' | 'stable' | 'served';
  /** Which rollout serves it (`<cluster>/<namespace>/<name>`). */
  servedBy: string;
  runId?: string;
  commit?: string;
  /** Whether the commit is the default branch's head. */
  commitIsHead?: boolean;
  /** Whether the dvc.lock at that commit matched its pipeline (every stage up to date). */
  lockFresh?: boolean;
  /** Stage params recorded in that dvc.lock, flattened (`train.n_estimators`). */
  params: Record<string, string>;
  data: LineageData[];
  /** The graph, in order: version, run, commit, then one node per data version. */
  nodes: LineageNode[];
}

/** `GET .../reproducibility`. @public */
export interface ReproducibilityResponse {
  verdict: {
    reproducible: boolean;
    /** "reproducible", or the first broken link and why. */
    summary: string;
    /** The first link that is failing (or, when none fails, the first that is not ok). */
    firstBroken?: ChainLinkId;
  };
  /** The default branch's head commit, when the code link could read it. */
  head?: { branch: string; sha: string; url?: string };
  links: ChainLink[];
  /** The canary model first, then the others served. */
  lineage: ModelLineage[];
  meta: MlopsResponseMeta;
}
