import { atRef } from './UrlReaderSource';

describe('atRef', () => {
  const sha = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';

  it('puts the commit where GitHub, GitLab and Bitbucket name the branch', () => {
    expect(atRef('https://github.com/o/r/tree/main/', sha)).toBe(
      `https://github.com/o/r/tree/${sha}/`,
    );
    expect(atRef('https://gitlab.com/g/r/-/tree/main/sub', sha)).toBe(
      `https://gitlab.com/g/r/-/tree/${sha}/sub`,
    );
    expect(atRef('https://bitbucket.org/o/r/src/main/', sha)).toBe(
      `https://bitbucket.org/o/r/src/${sha}/`,
    );
    expect(atRef('https://github.com/o/r/tree/main/', undefined)).toBe(
      'https://github.com/o/r/tree/main/',
    );
  });

  it('refuses a ref that is not a commit sha, and a location without a branch', () => {
    expect(() =>
      atRef('https://github.com/o/r/tree/main/', '../../evil'),
    ).toThrow(/not a commit sha/);
    expect(() => atRef('https://github.com/o/r', sha)).toThrow(
      /names no branch/,
    );
  });
});
