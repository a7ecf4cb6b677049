import { Suspense } from 'react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageLayoutBlueprint } from '@backstage/plugin-home-react/alpha';
import { Progress } from '@backstage/core-components';
import { MlopsHomePage } from '@mlops-portal/plugin-mlops/alpha';

/**
 * The portal's home page is the ML home page of the MLOps plugin (the user's
 * ML projects, recent runs, models in canary, GPU use, "Create new ML
 * project") instead of Backstage's stock widgets, none of which an ML
 * engineer needs and some of which call the internet.
 */
const mlopsHomeLayout = HomePageLayoutBlueprint.make({
  name: 'mlops',
  params: {
    loader: async () => () =>
      (
        <Suspense fallback={<Progress />}>
          <MlopsHomePage />
        </Suspense>
      ),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [mlopsHomeLayout],
});
