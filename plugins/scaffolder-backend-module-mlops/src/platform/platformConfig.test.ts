import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  parseGithubRepoUrl,
  parseRepoRef,
  readPlatformRepoConfig,
} from './platformConfig';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.com' },
        {
          host: 'ghe.example.com',
          apiBaseUrl: 'https://ghe.example.com/api/v3',
        },
      ],
      gitlab: [{ host: 'gitlab.com' }],
    },
  }),
);

describe('parseRepoRef and parseGithubRepoUrl', () => {
  it.each([
    'https://github.com/acme/churn',
    'https://github.com/acme/churn.git',
    'github.com?owner=acme&repo=churn',
  ])('read %s', value => {
    expect(parseGithubRepoUrl(value, integrations)).toEqual({
      host: 'github.com',
      owner: 'acme',
      repo: 'churn',
    });
  });

  it('takes a repository of any configured integration as a project repository', () => {
    expect(parseRepoRef('https://gitlab.com/acme/churn', integrations)).toEqual(
      {
        host: 'gitlab.com',
        owner: 'acme',
        repo: 'churn',
      },
    );
    expect(() =>
      parseGithubRepoUrl('https://gitlab.com/acme/churn', integrations),
    ).toThrow('"https://gitlab.com/acme/churn" is not on a GitHub integration');
  });

  it.each([
    ['not a url', /is not a repository URL/],
    ['https://github.com/acme', /is not a repository URL/],
    ['https://github.com/acme/churn/tree/main', /is not a repository URL/],
    ['github.com?owner=acme', /missing repo/],
    [
      'https://example.org/acme/churn',
      /No matching integration configuration for host example.org/,
    ],
  ])('refuses %s', (value, message) => {
    expect(() => parseRepoRef(value, integrations)).toThrow(message);
  });
});

describe('readPlatformRepoConfig', () => {
  it('refuses a platform repository that is not on a GitHub integration', () => {
    expect(() =>
      readPlatformRepoConfig(
        new ConfigReader({
          integrations: { gitlab: [{ host: 'gitlab.com' }] },
          mlops: {
            platform: { repoUrl: 'https://gitlab.com/acme/platform-gitops' },
          },
        }),
      ),
    ).toThrow(
      'mlops.platform.repoUrl \'https://gitlab.com/acme/platform-gitops\' is not a GitHub repository URL such as https://github.com/acme/platform-gitops: "https://gitlab.com/acme/platform-gitops" is not on a GitHub integration',
    );
  });
});
