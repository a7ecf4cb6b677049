import { GithubApiError, GithubClient, callGithub } from './githubClient';

async function orUndefinedOn404<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof GithubApiError && error.status === 404) {
      return undefined;
    }
    throw error;
  }
}

/** `GET /repos/{owner}/{repo}`: the default branch. */
export async function getDefaultBranch(client: GithubClient): Promise<string> {
  const repo = await callGithub(client, (o, r) => o.rest.repos.get(r));
  return repo.default_branch;
}

/** `GET /git/ref/heads/{branch}`: the branch's head commit, if it exists. */
export async function getBranchSha(
  client: GithubClient,
  branch: string,
): Promise<string | undefined> {
  const ref = await orUndefinedOn404(
    callGithub(client, (o, r) =>
      o.rest.git.getRef({ ...r, ref: `heads/${branch}` }),
    ),
  );
  return ref?.object.sha;
}

/** `GET /contents/{path}?ref=`: a file's text at a commit, if it exists. */
export async function readTextFile(
  client: GithubClient,
  path: string,
  ref: string,
): Promise<string | undefined> {
  const file = await orUndefinedOn404(
    callGithub(client, (o, r) => o.rest.repos.getContent({ ...r, path, ref })),
  );
  if (file === undefined) return undefined;
  if (Array.isArray(file) || file.type !== 'file') {
    throw new GithubApiError(
      `${path} in ${client.repo.owner}/${client.repo.repo} is a directory, not a file`,
    );
  }
  return Buffer.from(
    ('content' in file && file.content) || '',
    'base64',
  ).toString('utf8');
}

/**
 * Commits files on top of `parentSha` in one commit (Git Data API: tree with
 * `base_tree`, then commit) and returns the new commit's sha; the branch ref
 * is moved separately.
 */
export async function commitFiles(
  client: GithubClient,
  options: {
    parentSha: string;
    files: Record<string, string>;
    message: string;
  },
): Promise<string> {
  const parent = await callGithub(client, (o, r) =>
    o.rest.git.getCommit({ ...r, commit_sha: options.parentSha }),
  );
  const tree = await callGithub(client, (o, r) =>
    o.rest.git.createTree({
      ...r,
      base_tree: parent.tree.sha,
      tree: Object.entries(options.files).map(([path, content]) => ({
        path,
        mode: '100644' as const,
        type: 'blob' as const,
        content,
      })),
    }),
  );
  const commit = await callGithub(client, (o, r) =>
    o.rest.git.createCommit({
      ...r,
      message: options.message,
      tree: tree.sha,
      parents: [options.parentSha],
    }),
  );
  return commit.sha;
}

/** Creates the branch at `sha`, or fast-forwards it there. */
export async function setBranch(
  client: GithubClient,
  branch: string,
  sha: string,
  exists: boolean,
): Promise<void> {
  if (exists) {
    await callGithub(client, (o, r) =>
      o.rest.git.updateRef({ ...r, ref: `heads/${branch}`, sha, force: false }),
    );
  } else {
    await callGithub(client, (o, r) =>
      o.rest.git.createRef({ ...r, ref: `refs/heads/${branch}`, sha }),
    );
  }
}

/** A pull request as the actions report it. */
export interface PullRequestRef {
  number: number;
  url: string;
  state: string;
}

const toRef = (pull: {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
}): PullRequestRef => ({
  number: pull.number,
  url: pull.html_url,
  state: pull.merged_at ? 'merged' : pull.state,
});

/** `GET /pulls?head=owner:branch`: the newest pull request from a branch. */
export async function findPullRequest(
  client: GithubClient,
  branch: string,
  state: 'open' | 'all',
): Promise<PullRequestRef | undefined> {
  const pulls = await callGithub(client, (o, r) =>
    o.rest.pulls.list({
      ...r,
      head: `${client.repo.owner}:${branch}`,
      state,
      sort: 'created',
      direction: 'desc',
      per_page: 1,
    }),
  );
  return pulls[0] && toRef(pulls[0]);
}

/**
 * Opens a pull request from `branch`, or updates the title and body of the
 * one already open from it.
 */
export async function upsertPullRequest(
  client: GithubClient,
  options: { branch: string; base: string; title: string; body: string },
): Promise<PullRequestRef & { created: boolean }> {
  const text = { title: options.title, body: options.body };
  const open = await findPullRequest(client, options.branch, 'open');
  if (open) {
    const updated = await callGithub(client, (o, r) =>
      o.rest.pulls.update({ ...r, pull_number: open.number, ...text }),
    );
    return { ...toRef(updated), created: false };
  }
  const created = await callGithub(client, (o, r) =>
    o.rest.pulls.create({
      ...r,
      ...text,
      head: options.branch,
      base: options.base,
    }),
  );
  return { ...toRef(created), created: true };
}
