import type { Config } from '@backstage/config';
import type { SignInProviderConfig } from '@backstage/core-components';
import { githubAuthApiRef } from '@backstage/core-plugin-api';

/** Sign-in methods the app can offer, by the name used in `app.signIn.providers`. */
export const signInProviderIds = ['guest', 'github'] as const;
export type SignInProviderId = (typeof signInProviderIds)[number];

const githubProvider: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in using GitHub',
  apiRef: githubAuthApiRef,
};

/**
 * The providers the sign-in page shows. They must match the auth backend's
 * `auth.providers`, which the frontend cannot read, so production config
 * names them again (guest in the demo, GitHub in app-config.production.yaml).
 */
export function signInProviders(
  config: Config,
): Array<'guest' | SignInProviderConfig> {
  const ids = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  if (ids.length === 0) {
    throw new Error(
      'app.signIn.providers is empty: name at least one of guest, github',
    );
  }
  return ids.map(id => {
    if (id === 'guest') return 'guest';
    if (id === 'github') return githubProvider;
    throw new Error(
      `app.signIn.providers has unknown provider "${id}"; use ${signInProviderIds.join(
        ' or ',
      )}`,
    );
  });
}
