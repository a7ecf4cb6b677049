import {
  AWS_REGIONS,
  GPU_INSTANCE_TYPES,
  GPU_NODE_GROUP_MAX_SIZE,
} from './awsCatalog';
import {
  checkDns1123Label,
  checkDns1123Subdomain,
  checkEntityRef,
  checkS3BucketName,
} from './names';
import { brokenMlProjectRules } from './rules';
import {
  MlProjectFieldError,
  MlProjectInput,
  MlProjectValidationResult,
  MlProjectValues,
} from './types';

/** The options of each choice field, in the order forms list them. @public */
export const ML_PROJECT_OPTIONS = {
  infrastructure: ['eksctl', 'terraform'],
  storage: ['s3', 'minio'],
  gitopsEngine: ['argocd', 'flux'],
  canary: ['argo-rollouts', 'flagger', 'none'],
  serving: ['deployment', 'kserve', 'ray-serve'],
  mlflowExposure: ['ingress', 'nodeport'],
} as const;

const DESCRIPTION_MAX_LENGTH = 1000;

type Field = keyof MlProjectValues;

/** Collects the errors of one validation run, one entry per broken rule. */
class Problems {
  readonly errors: MlProjectFieldError[] = [];

  add(field: Field, message: string) {
    this.errors.push({ field, message });
  }

  /** A required or optional string, trimmed; `undefined` when absent or blank. */
  string(input: MlProjectInput, field: Field, required: boolean) {
    const raw = input[field];
    if (raw === undefined || raw === null) {
      if (required) this.add(field, 'is required');
      return undefined;
    }
    if (typeof raw !== 'string') {
      this.add(field, `must be a string (got ${typeof raw})`);
      return undefined;
    }
    const value = raw.trim();
    if (value === '') {
      if (required) this.add(field, 'is required');
      return undefined;
    }
    return value;
  }

  /** A string checked by a naming rule. */
  named(
    input: MlProjectInput,
    field: Field,
    check: (value: string) => string | undefined,
    normalise: (value: string) => string = v => v,
  ) {
    const raw = this.string(input, field, true);
    if (raw === undefined) return undefined;
    const value = normalise(raw);
    const problem = check(value);
    if (problem) {
      this.add(field, `"${value}" ${problem}`);
      return undefined;
    }
    return value;
  }

  choice<T extends string>(
    input: MlProjectInput,
    field: Field,
    options: readonly T[],
  ): T | undefined {
    const raw = this.string(input, field, true);
    if (raw === undefined) return undefined;
    const value = raw.toLowerCase();
    if (!(options as readonly string[]).includes(value)) {
      this.add(
        field,
        `"${raw}" is not one of ${options.map(o => `"${o}"`).join(', ')}`,
      );
      return undefined;
    }
    return value as T;
  }

  /** Accepts `true`/`false` and their string forms (query strings, CLIs). */
  boolean(input: MlProjectInput, field: Field) {
    const raw = input[field];
    if (raw === undefined || raw === null) return false;
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.add(field, `must be true or false (got ${JSON.stringify(raw)})`);
    return undefined;
  }

  /** A whole number, also from its string form; `undefined` when absent. */
  integer(input: MlProjectInput, field: Field) {
    const raw = input[field];
    if (raw === undefined || raw === null || raw === '') return undefined;
    const value =
      typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(field, `must be a whole number (got ${JSON.stringify(raw)})`);
      return undefined;
    }
    return value;
  }
}

function validateGpu(input: MlProjectInput, problems: Problems) {
  const gpuInstanceType = problems.string(input, 'gpuInstanceType', true);
  if (
    gpuInstanceType !== undefined &&
    !Object.hasOwn(GPU_INSTANCE_TYPES, gpuInstanceType)
  ) {
    problems.add(
      'gpuInstanceType',
      `"${gpuInstanceType}" is not a known GPU instance type (e.g. g5.xlarge, p4d.24xlarge)`,
    );
  }
  const gpuMinSize = problems.integer(input, 'gpuMinSize') ?? 0;
  const gpuMaxSize = problems.integer(input, 'gpuMaxSize') ?? 1;
  if (gpuMinSize < 0) {
    problems.add('gpuMinSize', `must be 0 or more (got ${gpuMinSize})`);
  }
  if (gpuMaxSize < 1 || gpuMaxSize > GPU_NODE_GROUP_MAX_SIZE) {
    problems.add(
      'gpuMaxSize',
      `must be between 1 and ${GPU_NODE_GROUP_MAX_SIZE} (got ${gpuMaxSize})`,
    );
  } else if (gpuMinSize > gpuMaxSize) {
    problems.add(
      'gpuMaxSize',
      `must be at least gpuMinSize (${gpuMinSize}), got ${gpuMaxSize}`,
    );
  }
  return { gpuInstanceType, gpuMinSize, gpuMaxSize };
}

/** Infrastructure and its Terraform-only add-ons (which choices go together: rules.ts). */
function validateInfrastructure(input: MlProjectInput, problems: Problems) {
  const infrastructure =
    input.infrastructure === undefined || input.infrastructure === null
      ? undefined
      : problems.choice(
          input,
          'infrastructure',
          ML_PROJECT_OPTIONS.infrastructure,
        );
  const rdsBackendStore = problems.boolean(input, 'rdsBackendStore');
  const karpenter = problems.boolean(input, 'karpenter');
  const gpuScaleToZero = problems.boolean(input, 'gpuScaleToZero');
  const facts = { rdsBackendStore, karpenter, gpuScaleToZero };
  return {
    facts: {
      ...facts,
      // Given but invalid: undefined, so its rules are not judged (absent means eksctl).
      ...(input.infrastructure !== undefined &&
        input.infrastructure !== null && { infrastructure }),
    },
    ...(infrastructure !== undefined && { infrastructure }),
    ...(rdsBackendStore && { rdsBackendStore }),
    ...(karpenter && { karpenter }),
    ...(gpuScaleToZero && { gpuScaleToZero }),
  };
}

/**
 * Checks an ML project's values against every rule the generated repository
 * relies on, and returns them normalised, or every broken rule at once. The
 * scaffolder action and the frontend form share it, so what the form accepts
 * the server accepts too.
 *
 * @public
 */
export function validateMlProject(
  input: MlProjectInput,
): MlProjectValidationResult {
  const problems = new Problems();

  const name = problems.named(input, 'name', checkDns1123Label);
  const description = problems.string(input, 'description', false);
  if (description && description.length > DESCRIPTION_MAX_LENGTH) {
    problems.add(
      'description',
      `must be at most ${DESCRIPTION_MAX_LENGTH} characters (got ${description.length})`,
    );
  }
  const owner = problems.string(input, 'owner', false);
  const ownerProblem = owner && checkEntityRef(owner);
  if (ownerProblem) problems.add('owner', `"${owner}" ${ownerProblem}`);

  const awsRegion = problems.named(
    input,
    'awsRegion',
    value =>
      AWS_REGIONS.includes(value)
        ? undefined
        : 'is not a known AWS region with EKS (e.g. eu-west-1)',
    value => value.toLowerCase(),
  );
  const clusterName = problems.named(input, 'clusterName', checkDns1123Label);

  const gpuEnabled = problems.boolean(input, 'gpuEnabled');
  const gpu = gpuEnabled ? validateGpu(input, problems) : {};
  const { facts: infrastructureFacts, ...infrastructure } =
    validateInfrastructure(input, problems);

  const storage = problems.choice(input, 'storage', ML_PROJECT_OPTIONS.storage);
  const bucketName = problems.named(input, 'bucketName', checkS3BucketName);
  const gitopsEngine = problems.choice(
    input,
    'gitopsEngine',
    ML_PROJECT_OPTIONS.gitopsEngine,
  );
  const canary = problems.choice(input, 'canary', ML_PROJECT_OPTIONS.canary);
  // Optional for callers that predate the choice: absent means "deployment".
  const serving =
    input.serving === undefined || input.serving === null
      ? undefined
      : problems.choice(input, 'serving', ML_PROJECT_OPTIONS.serving);
  const observability =
    input.observability === undefined || input.observability === null
      ? undefined
      : problems.boolean(input, 'observability');

  const mlflowExposure = problems.choice(
    input,
    'mlflowExposure',
    ML_PROJECT_OPTIONS.mlflowExposure,
  );
  let mlflowHost: string | undefined;
  if (mlflowExposure === 'ingress') {
    const host = problems.string(input, 'mlflowHost', false);
    if (host === undefined) {
      if (typeof (input.mlflowHost ?? '') === 'string') {
        problems.add(
          'mlflowHost',
          'is required when mlflowExposure is "ingress"',
        );
      }
    } else {
      mlflowHost = host.toLowerCase();
      const hostProblem = checkDns1123Subdomain(mlflowHost);
      if (hostProblem) {
        problems.add('mlflowHost', `"${host}" ${hostProblem}`);
      }
    }
  }

  const repoHost = problems.string(input, 'repoHost', false)?.toLowerCase();
  const openPlatformPullRequest =
    input.openPlatformPullRequest === undefined ||
    input.openPlatformPullRequest === null
      ? undefined
      : problems.boolean(input, 'openPlatformPullRequest');
  // Which choices go together: one table (rules.ts). A field given but
  // invalid is passed as undefined, so its rules are not judged twice.
  const given = (field: keyof MlProjectInput) =>
    input[field] !== undefined && input[field] !== null;
  for (const broken of brokenMlProjectRules({
    ...infrastructureFacts,
    gpuEnabled,
    gitopsEngine,
    canary,
    ...((serving !== undefined || given('serving')) && { serving }),
    ...((observability !== undefined || given('observability')) && {
      observability,
    }),
    ...(repoHost !== undefined && { repoHost }),
    ...((openPlatformPullRequest !== undefined ||
      given('openPlatformPullRequest')) && {
      openPlatformPullRequest,
    }),
  })) {
    problems.add(broken.field, broken.message);
  }

  if (problems.errors.length > 0) {
    return { valid: false, errors: problems.errors };
  }
  const values: MlProjectValues = {
    name: name!,
    ...(description !== undefined && { description }),
    ...(owner !== undefined && { owner }),
    awsRegion: awsRegion!,
    clusterName: clusterName!,
    gpuEnabled: gpuEnabled!,
    ...gpu,
    ...infrastructure,
    storage: storage!,
    bucketName: bucketName!,
    gitopsEngine: gitopsEngine!,
    canary: canary!,
    ...(serving !== undefined && { serving }),
    ...(observability !== undefined && { observability }),
    mlflowExposure: mlflowExposure!,
    ...(mlflowHost !== undefined && { mlflowHost }),
    ...(repoHost !== undefined && { repoHost }),
    ...(openPlatformPullRequest === true && { openPlatformPullRequest }),
  };
  return { valid: true, values };
}

/**
 * One line per broken rule, each naming its field, e.g. for an error message.
 *
 * @public
 */
export function formatMlProjectErrors(
  errors: ReadonlyArray<MlProjectFieldError>,
): string {
  return errors.map(({ field, message }) => `${field}: ${message}`).join('; ');
}
