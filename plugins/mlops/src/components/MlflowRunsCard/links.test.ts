import { artifactsUrl, commitUrl, repositoryWebUrl } from './links';

const sha = 'f84ec961e31e8d256ead2c1e104de6f7053dac0d';

describe('commitUrl', () => {
  it('links a commit on GitHub, GitLab and Bitbucket', () => {
    // The demo recording's tag value (runs-search.json).
    expect(
      commitUrl('https://github.com/example-org/fraud-detection.git', sha),
    ).toBe(`https://github.com/example-org/fraud-detection/commit/${sha}`);
    expect(commitUrl('git@gitlab.com:group/sub/project.git', sha)).toBe(
      `https://gitlab.com/group/sub/project/-/commit/${sha}`,
    );
    expect(commitUrl('https://bitbucket.org/team/repo', sha)).toBe(
      `https://bitbucket.org/team/repo/commits/${sha}`,
    );
    expect(commitUrl('ssh://git@github.com/org/repo.git', sha)).toBe(
      `https://github.com/org/repo/commit/${sha}`,
    );
  });

  it('gives no link for anything that is not a web repository and a sha', () => {
    // eslint-disable-next-line no-script-url
    expect(commitUrl('javascript:alert(1)//x/y', sha)).toBeUndefined();
    expect(commitUrl('file:///srv/git/repo', sha)).toBeUndefined();
    expect(commitUrl('https://github.com/', sha)).toBeUndefined();
    expect(commitUrl('not a url', sha)).toBeUndefined();
    expect(
      commitUrl('https://github.com/org/repo', 'main; rm -rf'),
    ).toBeUndefined();
    expect(commitUrl(undefined, sha)).toBeUndefined();
  });
});

describe('repositoryWebUrl', () => {
  it('strips .git and trailing slashes', () => {
    expect(repositoryWebUrl('https://github.com/org/repo.git/')).toBe(
      'https://github.com/org/repo',
    );
  });
});

describe('artifactsUrl', () => {
  it('opens the artifacts tab of the run page', () => {
    expect(artifactsUrl('http://localhost:5000/#/experiments/4/runs/abc')).toBe(
      'http://localhost:5000/#/experiments/4/runs/abc/artifacts',
    );
  });
});
