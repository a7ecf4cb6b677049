/*
 * The value of a repository location field: `host?owner=…&repo=…`, the
 * format of Backstage's RepoUrlPicker, so templates read it with the
 * `parseRepoUrl` filter and the publish actions take it as `repoUrl`.
 */

/** A repository location, split into its parts. @public */
export interface RepoLocation {
  host: string;
  owner: string;
  repo: string;
}

/** Which part of a repository location a problem is about. @public */
export type RepoLocationPart = keyof RepoLocation;

/** The parts of a `host?owner=…&repo=…` value; absent parts are empty. @public */
export function parseRepoLocation(value: string | undefined): RepoLocation {
  if (!value) return { host: '', owner: '', repo: '' };
  try {
    const url = new URL(`https://${value}`);
    return {
      host: url.host,
      owner: url.searchParams.get('owner') ?? '',
      repo: url.searchParams.get('repo') ?? '',
    };
  } catch {
    return { host: '', owner: '', repo: '' };
  }
}

/** The field value of a location; `undefined` without a host (as RepoUrlPicker). @public */
export function serializeRepoLocation(
  location: RepoLocation,
): string | undefined {
  if (!location.host) return undefined;
  const params = new URLSearchParams();
  if (location.owner) params.set('owner', location.owner);
  if (location.repo) params.set('repo', location.repo);
  return `${location.host}?${params.toString()}`;
}

const isGitlab = (host: string) => /(^|\.)gitlab\./.test(host);

// GitHub: an owner is 1–39 letters, digits and single hyphens, not at either
// end; a repository name is letters, digits, ".", "-" and "_" (not "." or "..").
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
// GitLab: a namespace is a group path with optional subgroups ("group/sub"),
// each starting with a letter, digit or "_" and not ending in "." or ".git".
const GITLAB_PATH = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

function ownerProblem(host: string, owner: string): string | undefined {
  if (isGitlab(host)) {
    const ok = owner
      .split('/')
      .every(part => GITLAB_PATH.test(part) && !part.endsWith('.git'));
    return ok
      ? undefined
      : `Owner "${owner}" is not a GitLab group or user path: letters, digits, "_", "-" and ".", subgroups separated by "/"`;
  }
  return GITHUB_OWNER.test(owner)
    ? undefined
    : `Owner "${owner}" is not a GitHub organization or user name: up to 39 letters, digits and single "-", not at the start or end`;
}

function repoProblem(host: string, repo: string): string | undefined {
  if (repo === '.' || repo === '..' || !REPO_NAME.test(repo)) {
    return `Repository "${repo}" is not a repository name: up to 100 letters, digits, ".", "-" and "_"`;
  }
  if (isGitlab(host) && (/^[-.]/.test(repo) || repo.endsWith('.git'))) {
    return `Repository "${repo}" is not a GitLab project path: it must not start with "-" or "." or end in ".git"`;
  }
  return undefined;
}

/** One problem of a repository location, for the part it is about. @public */
export interface RepoLocationProblem {
  part: RepoLocationPart;
  message: string;
}

/**
 * What is wrong with a repository location: a missing or not allowed host, a
 * missing or malformed owner or repository name. Empty when it is complete.
 *
 * @public
 */
export function repoLocationProblems(
  value: string | undefined,
  allowedHosts: readonly string[] = [],
): RepoLocationProblem[] {
  const { host, owner, repo } = parseRepoLocation(value);
  const problems: RepoLocationProblem[] = [];
  if (!host) {
    problems.push({ part: 'host', message: 'Choose the repository host' });
  } else if (allowedHosts.length > 0 && !allowedHosts.includes(host)) {
    problems.push({
      part: 'host',
      message: `Host "${host}" is not one of ${allowedHosts.join(', ')}`,
    });
  }
  if (!owner) {
    problems.push({ part: 'owner', message: 'Enter the repository owner' });
  } else {
    const message = ownerProblem(host, owner);
    if (message) problems.push({ part: 'owner', message });
  }
  if (!repo) {
    problems.push({ part: 'repo', message: 'Enter the repository name' });
  } else {
    const message = repoProblem(host, repo);
    if (message) problems.push({ part: 'repo', message });
  }
  return problems;
}
