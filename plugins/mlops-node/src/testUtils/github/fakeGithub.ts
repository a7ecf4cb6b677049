import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

/** A commit of the fake repository: the whole tree as path → text. */
interface FakeCommit {
  sha: string;
  treeSha: string;
  files: Map<string, string>;
  parents: string[];
  message: string;
}

/** A check run of a commit, as `GET /repos/{o}/{r}/commits/{sha}/check-runs` lists it. @public */
export interface FakeCheckRun {
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion:
    | 'success'
    | 'failure'
    | 'neutral'
    | 'cancelled'
    | 'skipped'
    | 'timed_out'
    | 'action_required'
    | null;
}

/** A pull request of the fake repository. @public */
export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged_at: string | null;
}

/**
 * The fields of the request bodies the fake understands; each route reads
 * only its own, which the client under test must send.
 */
interface RequestBody {
  base_tree: string;
  /** Entries for POST /git/trees, a tree sha for POST /git/commits. */
  tree: Array<{ path: string; content: string }> | string;
  parents: string[];
  message: string;
  ref: string;
  sha: string;
  force?: boolean;
  title: string;
  body: string;
  head: string;
  base: string;
}

const DOCS = 'https://docs.github.com/rest';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

const notFound = (docs: string) =>
  HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url: `${DOCS}/${docs}`,
      status: '404',
    },
    { status: 404 },
  );
const unprocessable = (
  message: string,
  errors?: Array<Record<string, string>>,
) =>
  HttpResponse.json(
    {
      message,
      ...(errors && { errors }),
      documentation_url: DOCS,
      status: '422',
    },
    { status: 422 },
  );

/**
 * An in-memory GitHub repository behind the GitHub REST API as the actions
 * use it (repos, git refs/commits/trees, contents, pulls), with GitHub's
 * response and error bodies, registered on an msw server.
 *
 * @public
 */
export function fakeGithub(
  server: SetupServer,
  options: {
    owner: string;
    repo: string;
    token: string;
    files: Record<string, string>;
    apiBaseUrl?: string;
    defaultBranch?: string;
    /** Branch protection's required status checks of the default branch (none: unprotected). */
    requiredChecks?: string[];
  },
) {
  const api = options.apiBaseUrl ?? 'https://api.github.com';
  const htmlBase = `https://github.com/${options.owner}/${options.repo}`;
  const prefix = `/repos/${options.owner}/${options.repo}`;
  const defaultBranch = options.defaultBranch ?? 'main';
  const commits = new Map<string, FakeCommit>();
  const trees = new Map<string, Map<string, string>>();
  const refs = new Map<string, string>();
  const pulls: FakePull[] = [];
  const requests: string[] = [];
  /** Commit sha → its check runs; set by the test. */
  const checkRuns = new Map<string, FakeCheckRun[]>();

  function addCommit(
    files: Map<string, string>,
    parents: string[],
    message: string,
  ): FakeCommit {
    const treeSha = sha1(JSON.stringify([...files.entries()].sort()));
    trees.set(treeSha, files);
    const commit = {
      sha: sha1(`${treeSha}${parents.join()}${message}${commits.size}`),
      treeSha,
      files,
      parents,
      message,
    };
    commits.set(commit.sha, commit);
    return commit;
  }
  refs.set(
    defaultBranch,
    addCommit(new Map(Object.entries(options.files)), [], 'Initial commit').sha,
  );

  const pullJson = (pull: FakePull) => ({
    url: `${api}${prefix}/pulls/${pull.number}`,
    html_url: `${htmlBase}/pull/${pull.number}`,
    number: pull.number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    merged_at: pull.merged_at,
    head: { ref: pull.head, label: `${options.owner}:${pull.head}` },
    base: { ref: pull.base, label: `${options.owner}:${pull.base}` },
  });
  const resolve = (ref: string) =>
    refs.get(ref) ?? (commits.has(ref) ? ref : undefined);

  server.use(
    http.all(`${api}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = decodeURIComponent(
        url.pathname.slice(new URL(api).pathname.replace(/\/$/, '').length),
      );
      requests.push(`${request.method} ${path}${url.search}`);
      // GitHub takes a token as `Bearer <token>` or `token <token>` (what Octokit sends).
      const credentials = /^(?:Bearer|token) (.*)$/i.exec(
        request.headers.get('authorization') ?? '',
      )?.[1];
      if (credentials !== options.token) {
        return HttpResponse.json(
          {
            message: 'Bad credentials',
            documentation_url: DOCS,
            status: '401',
          },
          { status: 401 },
        );
      }
      if (path !== prefix && !path.startsWith(`${prefix}/`)) {
        return notFound('repos/repos#get-a-repository');
      }
      const rest = path.slice(prefix.length);
      const body =
        request.method === 'GET'
          ? ({} as RequestBody)
          : ((await request.json()) as RequestBody);
      const route = `${request.method} ${rest}`;
      const routes: Array<[RegExp, (match: string[]) => Response]> = [
        [
          /^GET $/,
          () => {
            return HttpResponse.json({
              name: options.repo,
              full_name: `${options.owner}/${options.repo}`,
              private: true,
              html_url: htmlBase,
              default_branch: defaultBranch,
            });
          },
        ],
        [
          /^GET \/git\/ref\/heads\/(.+)$/,
          match => {
            const sha = refs.get(match[1]);
            if (!sha) return notFound('git/refs#get-a-reference');
            return HttpResponse.json({
              ref: `refs/heads/${match[1]}`,
              object: { sha, type: 'commit' },
            });
          },
        ],
        [
          // GitHub's "get a branch": the head commit and, when protected, the required checks.
          /^GET \/branches\/(.+)$/,
          match => {
            const sha = refs.get(match[1]);
            if (!sha) return notFound('branches/branches#get-a-branch');
            const protectedBranch =
              match[1] === defaultBranch && !!options.requiredChecks;
            return HttpResponse.json({
              name: match[1],
              commit: {
                sha,
                html_url: `${htmlBase}/commit/${sha}`,
                commit: {
                  message: commits.get(sha)?.message ?? '',
                  committer: { name: 'ML Team', date: '2026-11-30T08:00:00Z' },
                },
              },
              protected: protectedBranch,
              ...(protectedBranch && {
                protection: {
                  enabled: true,
                  required_status_checks: {
                    enforcement_level: 'non_admins',
                    contexts: options.requiredChecks,
                    checks: options.requiredChecks!.map(context => ({
                      context,
                      app_id: null,
                    })),
                  },
                },
              }),
            });
          },
        ],
        [
          /^GET \/commits\/([0-9a-f]+)\/check-runs$/,
          match => {
            const runs = checkRuns.get(match[1]) ?? [];
            return HttpResponse.json({
              total_count: runs.length,
              check_runs: runs.map((run, index) => ({
                id: index + 1,
                head_sha: match[1],
                name: run.name,
                status: run.status,
                conclusion: run.conclusion,
                html_url: `${htmlBase}/runs/${index + 1}`,
                started_at: '2026-11-30T08:01:00Z',
                completed_at:
                  run.status === 'completed' ? '2026-11-30T08:20:00Z' : null,
              })),
            });
          },
        ],
        [
          /^GET \/contents\/(.+)$/,
          match => {
            const sha = resolve(url.searchParams.get('ref') ?? defaultBranch);
            const files = sha ? commits.get(sha)!.files : new Map();
            const text = files.get(match[1]);
            if (text === undefined) {
              const children = [...files.keys()].filter(p =>
                p.startsWith(`${match[1]}/`),
              );
              if (children.length === 0)
                return notFound('repos/contents#get-repository-content');
              return HttpResponse.json(
                children.map(p => ({
                  type: 'file',
                  path: p,
                  name: p.split('/').pop(),
                })),
              );
            }
            const content = Buffer.from(text)
              .toString('base64')
              .replace(/(.{60})/g, '$1\n');
            return HttpResponse.json({
              type: 'file',
              encoding: 'base64',
              size: Buffer.byteLength(text),
              name: match[1].split('/').pop(),
              path: match[1],
              content,
              sha: sha1(text),
              html_url: `${htmlBase}/blob/${sha}/${match[1]}`,
            });
          },
        ],
        [
          /^GET \/git\/commits\/([0-9a-f]+)$/,
          match => {
            const commit = commits.get(match[1]);
            if (!commit) return notFound('git/commits#get-a-commit-object');
            return HttpResponse.json({
              sha: commit.sha,
              message: commit.message,
              tree: { sha: commit.treeSha },
              parents: commit.parents.map(sha => ({ sha })),
            });
          },
        ],
        [
          /^POST \/git\/trees$/,
          () => {
            const base = trees.get(body.base_tree);
            if (!base)
              return unprocessable('base_tree is not a valid tree oid');
            const files = new Map(base);
            for (const entry of body.tree as Array<{
              path: string;
              content: string;
            }>)
              files.set(entry.path, entry.content);
            const treeSha = sha1(JSON.stringify([...files.entries()].sort()));
            trees.set(treeSha, files);
            return HttpResponse.json(
              { sha: treeSha, truncated: false },
              { status: 201 },
            );
          },
        ],
        [
          /^POST \/git\/commits$/,
          () => {
            const files = trees.get(body.tree as string);
            if (!files) return unprocessable('Tree SHA does not exist');
            const commit = addCommit(files, body.parents, body.message);
            return HttpResponse.json(
              {
                sha: commit.sha,
                tree: { sha: commit.treeSha },
                message: commit.message,
              },
              { status: 201 },
            );
          },
        ],
        [
          /^POST \/git\/refs$/,
          () => {
            const branch = String(body.ref).replace(/^refs\/heads\//, '');
            if (refs.has(branch))
              return unprocessable('Reference already exists');
            if (!commits.has(body.sha))
              return unprocessable('Object does not exist');
            refs.set(branch, body.sha);
            return HttpResponse.json(
              { ref: body.ref, object: { sha: body.sha, type: 'commit' } },
              { status: 201 },
            );
          },
        ],
        [
          /^PATCH \/git\/refs\/heads\/(.+)$/,
          match => {
            const current = refs.get(match[1]);
            if (!current) return unprocessable('Reference does not exist');
            const isFastForward = commits
              .get(body.sha)
              ?.parents.includes(current);
            if (!isFastForward && !body.force) {
              return unprocessable('Update is not a fast forward');
            }
            refs.set(match[1], body.sha);
            return HttpResponse.json({
              ref: `refs/heads/${match[1]}`,
              object: { sha: body.sha, type: 'commit' },
            });
          },
        ],
        [
          /^GET \/pulls$/,
          () => {
            const head = url.searchParams.get('head');
            const state = url.searchParams.get('state') ?? 'open';
            return HttpResponse.json(
              pulls
                .filter(p => !head || `${options.owner}:${p.head}` === head)
                .filter(p => state === 'all' || p.state === state)
                .sort((a, b) => b.number - a.number)
                .map(pullJson),
            );
          },
        ],
        [
          /^POST \/pulls$/,
          () => {
            if (!refs.has(body.head)) {
              return unprocessable('Validation Failed', [
                { resource: 'PullRequest', field: 'head', code: 'invalid' },
              ]);
            }
            if (pulls.some(p => p.head === body.head && p.state === 'open')) {
              return unprocessable('Validation Failed', [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message: `A pull request already exists for ${options.owner}:${body.head}.`,
                },
              ]);
            }
            const pull: FakePull = {
              number: pulls.length + 1,
              title: body.title,
              body: body.body,
              head: body.head,
              base: body.base,
              state: 'open',
              merged_at: null,
            };
            pulls.push(pull);
            return HttpResponse.json(pullJson(pull), { status: 201 });
          },
        ],
        [
          /^PATCH \/pulls\/(\d+)$/,
          match => {
            const pull = pulls.find(p => p.number === Number(match[1]));
            if (!pull) return notFound('pulls/pulls#update-a-pull-request');
            Object.assign(pull, {
              ...(body.title !== undefined && { title: body.title }),
              ...(body.body !== undefined && { body: body.body }),
            });
            return HttpResponse.json(pullJson(pull));
          },
        ],
      ];
      for (const [pattern, handle] of routes) {
        const match = pattern.exec(route);
        if (match) return handle(match);
      }
      return notFound('');
    }),
  );

  /** Files of a branch as they are now. */
  const filesOf = (branch: string) => {
    const sha = refs.get(branch);
    return sha ? Object.fromEntries(commits.get(sha)!.files) : undefined;
  };

  return {
    refs,
    pulls,
    requests,
    checkRuns,
    filesOf,
    /** Merges a pull request's branch into its base, as the platform team would. */
    merge(number: number) {
      const pull = pulls.find(p => p.number === number)!;
      const head = commits.get(refs.get(pull.head)!)!;
      const merged = addCommit(
        new Map(head.files),
        [refs.get(pull.base)!, head.sha],
        `Merge #${number}`,
      );
      refs.set(pull.base, merged.sha);
      pull.state = 'closed';
      pull.merged_at = '2026-11-25T12:00:00Z';
    },
    /** Commits straight to a branch, as a person editing the repository would. */
    push(branch: string, files: Record<string, string>) {
      const parent = commits.get(refs.get(branch)!)!;
      const next = new Map(parent.files);
      for (const [p, text] of Object.entries(files)) next.set(p, text);
      refs.set(branch, addCommit(next, [parent.sha], 'Manual change').sha);
    },
  };
}
