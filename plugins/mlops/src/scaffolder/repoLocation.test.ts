import {
  parseRepoLocation,
  repoLocationProblems,
  serializeRepoLocation,
} from './repoLocation';

const HOSTS = ['github.com', 'gitlab.com'];
const parts = (value: string | undefined) =>
  repoLocationProblems(value, HOSTS).map(p => p.part);

describe('repository location', () => {
  it('round-trips the RepoUrlPicker format that parseRepoUrl reads', () => {
    const value = serializeRepoLocation({
      host: 'gitlab.com',
      owner: 'ml/platform',
      repo: 'fraud-detection',
    });
    expect(value).toBe('gitlab.com?owner=ml%2Fplatform&repo=fraud-detection');
    expect(parseRepoLocation(value)).toEqual({
      host: 'gitlab.com',
      owner: 'ml/platform',
      repo: 'fraud-detection',
    });
  });

  it('has no value without a host, and reads nothing from garbage', () => {
    expect(
      serializeRepoLocation({ host: '', owner: 'a', repo: 'b' }),
    ).toBeUndefined();
    expect(parseRepoLocation('::not a url::')).toEqual({
      host: '',
      owner: '',
      repo: '',
    });
    expect(parseRepoLocation(undefined).repo).toBe('');
  });

  it('accepts a complete location', () => {
    expect(
      repoLocationProblems(
        'github.com?owner=example-org&repo=fraud-detection',
        HOSTS,
      ),
    ).toEqual([]);
    expect(
      parts('gitlab.com?owner=ml%2Fplatform&repo=fraud.detection_2'),
    ).toEqual([]);
  });

  it('names each missing part', () => {
    expect(parts(undefined)).toEqual(['host', 'owner', 'repo']);
    expect(parts('github.com?repo=fraud-detection')).toEqual(['owner']);
    const [problem] = repoLocationProblems(
      'github.com?owner=example-org',
      HOSTS,
    );
    expect(problem).toEqual({
      part: 'repo',
      message: 'Enter the repository name',
    });
  });

  it('refuses a host that is not allowed', () => {
    expect(
      repoLocationProblems('bitbucket.org?owner=a&repo=b', HOSTS)[0].message,
    ).toBe('Host "bitbucket.org" is not one of github.com, gitlab.com');
    // Without a list every host goes.
    expect(repoLocationProblems('bitbucket.org?owner=a&repo=b')).toEqual([]);
  });

  it.each([
    ['github.com?owner=-org&repo=r', 'owner'],
    ['github.com?owner=my--org&repo=r', 'owner'],
    ['github.com?owner=ml%2Fplatform&repo=r', 'owner'],
    ['github.com?owner=org&repo=..', 'repo'],
    ['github.com?owner=org&repo=has%20space', 'repo'],
    ['gitlab.com?owner=group.&repo=r', 'owner'],
    ['gitlab.com?owner=group&repo=r.git', 'repo'],
    ['gitlab.com?owner=group&repo=-r', 'repo'],
  ])('refuses %s on its %s', (value, part) => {
    expect(parts(value)).toEqual([part]);
  });
});
