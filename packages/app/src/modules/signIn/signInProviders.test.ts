import { ConfigReader } from '@backstage/config';
import { githubAuthApiRef } from '@backstage/core-plugin-api';
import { signInProviders } from './signInProviders';

const providers = (signIn?: unknown) =>
  signInProviders(new ConfigReader(signIn ? { app: { signIn } } : {}));

describe('signInProviders', () => {
  it('offers guest sign-in when the config names no provider (the demo)', () => {
    expect(providers()).toEqual(['guest']);
  });

  it('offers GitHub, backed by the GitHub auth API, when production names it', () => {
    const [github] = providers({ providers: ['github'] });
    expect(github).toMatchObject({ title: 'GitHub', apiRef: githubAuthApiRef });
  });

  it('keeps the configured order when both are offered', () => {
    const offered = providers({ providers: ['github', 'guest'] });
    expect(offered.map(p => (p === 'guest' ? p : p.id))).toEqual([
      'github-auth-provider',
      'guest',
    ]);
  });

  it('names the key and the bad value for an unknown provider', () => {
    expect(() => providers({ providers: ['okta'] })).toThrow(
      'app.signIn.providers has unknown provider "okta"; use guest or github',
    );
  });

  it('refuses an empty list instead of showing a page nobody can sign in from', () => {
    expect(() => providers({ providers: [] })).toThrow(/is empty/);
  });
});
