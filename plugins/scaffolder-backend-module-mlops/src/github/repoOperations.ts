import { GithubApiError, GithubClient } from './githubClient';

function encodePath(path: string) {
  return path.split('/').map(encodeURIComponent).join('/');
}

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
  const repo = await client.request<{ default_branch: string }>('GET', '');
  return repo.default_branch;
}

/** `GET /git/ref/heads/{branch}`: the branch's head commit, if it exists. */
export async function getBranchSha(
  client: GithubClient,
  branch: string,
): Promise<string | undefined> {
  const ref = await orUndefinedOn404(
    client.request<{ object: { sha: string } }>(
      'GET',
      `/git/ref/heads/${encodePath(branch)}`,
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
    client.request<
      { type: string; content?: string; encoding?: string } | unknown[]
    >('GET', `/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`),
  );
  if (file === undefined) return undefined;
  if (Array.isArray(file) || file.type !== 'file') {
    throw new GithubApiError(
      `${path} in ${client.repo.owner}/${client.repo.repo} is a directory, not a file`,
    );
  }
  return Buffer.from(file.content ?? '', 'base64').toString('utf8');
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
  const parent = await client.request<{ tree: { sha: string } }>(
    'GET',
    `/git/commits/${options.parentSha}`,
  );
  const tree = await client.request<{ sha: string }>('POST', '/git/trees', {
    base_tree: parent.tree.sha,
    tree: Object.entries(options.files).map(([path, content]) => ({
      path,
      mode: '100644',
      type: 'blob',
      content,
    })),
  });
  const commit = await client.request<{ sha: string }>('POST', '/git/commits', {
    message: options.message,
    tree: tree.sha,
    parents: [options.parentSha],
  });
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
    await client.request('PATCH', `/git/refs/heads/${encodePath(branch)}`, {
      sha,
      force: false,
    });
  } else {
    await client.request('POST', '/git/refs', {
      ref: `refs/heads/${branch}`,
      sha,
    });
  }
}

/** A pull request as the actions report it. */
export interface PullRequestRef {
  number: number;
  url: string;
  state: string;
}

interface PullJson {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
}

const toRef = (pull: PullJson): PullRequestRef => ({
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
  const pulls = await client.request<PullJson[]>(
    'GET',
    `/pulls?head=${encodeURIComponent(
      `${client.repo.owner}:${branch}`,
    )}&state=${state}&sort=created&direction=desc&per_page=1`,
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
  const open = await findPullRequest(client, options.branch, 'open');
  if (open) {
    const updated = await client.request<PullJson>(
      'PATCH',
      `/pulls/${open.number}`,
      { title: options.title, body: options.body },
    );
    return { ...toRef(updated), created: false };
  }
  const created = await client.request<PullJson>('POST', '/pulls', {
    title: options.title,
    body: options.body,
    head: options.branch,
    base: options.base,
  });
  return { ...toRef(created), created: true };
}
