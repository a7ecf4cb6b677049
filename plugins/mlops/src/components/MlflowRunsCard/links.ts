/**
 * Links the run details offer: a commit on its repository host, and the
 * run's artifacts in the MLflow UI. Only http(s) links come out, whatever a
 * tag holds.
 */

/** `https://host/org/repo` from an https or scp-style (`git@host:org/repo.git`) remote. */
export function repositoryWebUrl(remote: string): string | undefined {
  const text = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(text);
  let url: URL;
  try {
    url = new URL(scp ? `https://${scp[1]}/${scp[2]}` : text);
  } catch {
    return undefined;
  }
  if (url.protocol === 'ssh:' || url.protocol === 'git:') {
    url = new URL(`https://${url.hostname}${url.pathname}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!/^\/[^/]+\/.+/.test(path)) return undefined;
  return `${url.protocol}//${url.host}${path}`;
}

/** The web page of a commit, in each host's URL scheme. */
export function commitUrl(
  remote: string | undefined,
  sha: string | undefined,
): string | undefined {
  if (!remote || !sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  const repo = repositoryWebUrl(remote);
  if (!repo) return undefined;
  const host = new URL(repo).hostname;
  if (host.includes('gitlab')) return `${repo}/-/commit/${sha}`;
  if (host.includes('bitbucket')) return `${repo}/commits/${sha}`;
  return `${repo}/commit/${sha}`;
}

/** The artifacts tab of a run's page in the MLflow UI (MLflow 2.10 and later). */
export function artifactsUrl(runUrl: string): string {
  return `${runUrl.replace(/\/+$/, '')}/artifacts`;
}

/** The tag MLflow's UI shows as a run's description; failed runs say why in it. */
export const RUN_DESCRIPTION_TAG = 'mlflow.note.content';
export const GIT_REPO_URL_TAG = 'mlflow.source.git.repoURL';
