import { Suspense } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { render, screen } from '@testing-library/react';
import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { githubAuthApiRef } from '@backstage/core-plugin-api';
import { ConfiguredSignInPage } from './ConfiguredSignInPage';

/** A GitHub auth API with no session yet: the page must wait for a click. */
const signedOutGithub = {
  getBackstageIdentity: jest.fn(async () => undefined),
  getProfile: jest.fn(async () => undefined),
  getAccessToken: jest.fn(async () => ''),
  signIn: jest.fn(async () => {}),
  signOut: jest.fn(async () => {}),
  sessionState$: jest.fn(),
};

const renderPage = (providers?: string[]) =>
  render(
    <TestApiProvider
      apis={[
        mockApis.config({
          data: {
            app: {
              title: 'MLOps Portal',
              ...(providers && { signIn: { providers } }),
            },
          },
        }),
        mockApis.storage(),
        mockApis.error(),
        mockApis.translation(),
        mockApis.discovery(),
        [githubAuthApiRef, signedOutGithub],
      ]}
    >
      <UnifiedThemeProvider theme={themes.light}>
        <MemoryRouter>
          <Suspense fallback="loading">
            <ConfiguredSignInPage onSignInSuccess={jest.fn()} />
          </Suspense>
        </MemoryRouter>
      </UnifiedThemeProvider>
    </TestApiProvider>,
  );

describe('ConfiguredSignInPage', () => {
  it('shows the guest sign-in of the demo by default', async () => {
    renderPage();
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });

  it('shows GitHub sign-in when production config names it', async () => {
    renderPage(['github']);
    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(screen.getByText('Sign in using GitHub')).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
