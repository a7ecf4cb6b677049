import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isMlProject } from '../conditions';

/**
 * The "MLOps" tab on entity pages of Components with `spec.type: ml-project`.
 *
 * @alpha
 */
export const mlopsEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/mlops',
    title: 'MLOps',
    filter: isMlProject,
    loader: () =>
      import('../components/MlopsContent').then(m => <m.MlopsContent />),
  },
});

/** @alpha */
const mlopsPlugin = createFrontendPlugin({
  pluginId: 'mlops',
  info: { packageJson: () => import('../../package.json') },
  extensions: [mlopsEntityContent],
});

export { mlopsPlugin };
export default mlopsPlugin;
