import { UserInfoService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  actionExecutePermission,
  taskCreatePermission,
  templateDryRunPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  mlopsCanaryReadPermission,
  mlopsGpuReadPermission,
} from '@mlops-portal/plugin-mlops-common';

/** What `mlops.permissionPolicy` configures. @public */
export interface MlopsPolicyOptions {
  /** Entity ref of the platform group (`group:<namespace>/<name>`). */
  platformGroup: string;
  /** Entity refs of the groups whose members run software templates. */
  templateExecutionGroups: string[];
}

/** Permissions only an entity's owners and the platform group get. */
const OWNERS_ONLY = [mlopsGpuReadPermission, mlopsCanaryReadPermission];
/** Permissions that run a software template. */
const TEMPLATE_EXECUTION = [
  taskCreatePermission,
  templateDryRunPermission,
  actionExecutePermission,
];

function groupRef(value: string, key: string): string {
  // Parses like the backend actions' entityFor (another package, other defaults and error): alike in shape only.
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new Error(`${key}: '${value}' is not an entity ref: ${error}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(`${key}: '${value}' is a ${ref.kind}, not a group`);
  }
  return stringifyEntityRef(ref);
}

/**
 * Reads `mlops.permissionPolicy`; a missing or malformed key is an error (the
 * backend does not start with a half-configured policy).
 *
 * @public
 */
export function readMlopsPolicyOptions(config: Config): MlopsPolicyOptions {
  const key = 'mlops.permissionPolicy';
  const policy = config.getConfig(key);
  return {
    platformGroup: groupRef(
      policy.getString('platformGroup'),
      `${key}.platformGroup`,
    ),
    templateExecutionGroups: policy
      .getStringArray('templateExecutionGroups')
      .map((group, i) =>
        groupRef(group, `${key}.templateExecutionGroups[${i}]`),
      ),
  };
}

/**
 * The MLOps portal's production policy:
 * - nobody who is not signed in is allowed anything;
 * - GPU usage and cost (`mlops.gpu.read`) and canary state
 *   (`mlops.canary.read`): the platform group, and otherwise only the
 *   entity's owners (the catalog's `isEntityOwner` condition);
 * - running templates (`scaffolder.task.create`, dry runs,
 *   `scaffolder.action.execute`): members of `templateExecutionGroups` and
 *   the platform group;
 * - everything else — reading the catalog, MLflow and DVC data, templates
 *   and docs — every signed-in user; so is the reproducibility chain
 *   (`mlops.reproducibility.read`), whose links built from MLflow, DVC or canary data
 *   check that card's permission too (a non-owner's serving link, canary
 *   data, says NotAllowed).
 *
 * Membership is the user's ownership refs (the sign-in resolver's claims),
 * read through the UserInfoService.
 *
 * @public
 */
export class MlopsPortalPolicy implements PermissionPolicy {
  constructor(
    private readonly options: MlopsPolicyOptions,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const principal = user?.credentials.principal as { type?: string };
    if (!user || principal?.type !== 'user') {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const memberOf = (groups: string[]) =>
      groups.some(group => ownershipEntityRefs.includes(group));
    const { permission } = request;
    const platform = memberOf([this.options.platformGroup]);

    const ownersOnly = OWNERS_ONLY.find(p => isPermission(permission, p));
    if (ownersOnly) {
      if (platform) return { result: AuthorizeResult.ALLOW };
      return createCatalogConditionalDecision(
        ownersOnly,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    if (TEMPLATE_EXECUTION.some(p => isPermission(permission, p))) {
      return {
        result:
          platform || memberOf(this.options.templateExecutionGroups)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
