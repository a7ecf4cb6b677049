import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Replaces the app's guest-only sign-in page (same extension id: sign-in-page:app). */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      (await import('./ConfiguredSignInPage')).ConfiguredSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
