import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MlopsPortalPolicy, readMlopsPolicyOptions } from './policy';

/**
 * Sets {@link MlopsPortalPolicy} as the permission backend's policy, from
 * `mlops.permissionPolicy`.
 *
 * @public
 */
export const permissionModuleMlopsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mlops-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new MlopsPortalPolicy(readMlopsPolicyOptions(config), userInfo),
        );
      },
    });
  },
});
