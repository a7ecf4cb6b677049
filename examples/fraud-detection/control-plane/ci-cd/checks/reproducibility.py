#!/usr/bin/env python3
"""The reproducibility checks CI runs (GitHub Actions and GitLab CI run the same commands).

  status   `dvc status --json`: fails when anything DVC tracks differs from dvc.lock
           (stale lock, hand-edited metric or plot, changed code, params or requirements)
  repro    `dvc repro --force`, then fails when dvc.lock or a file git tracks changed:
           the committed outputs are not what the pipeline produces
  pushed   `dvc status -c --json`: fails when an output of dvc.lock is not in the DVC remote
  mlflow   the run `train` logged during `dvc repro` exists in MLflow, its params equal
           params.yaml and its mlflow.source.git.commit tag is the commit under test
           (REQUIRE_MLFLOW_RUN=false turns this check off, and it says so)
  report   Markdown of `dvc metrics diff --md` and `dvc params diff --md` against a base
           revision; --post github|gitlab updates the one pull-request comment in place
  promote  bumps MODEL_VERSION in the served-model file when the run meets the bar in
           params.yaml (`promotion`)

Each check prints lines starting with its name and exits 1 when it fails.
Only the Python standard library and PyYAML are used.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

MARKER = "<!-- mlops-reproducibility-report -->"
OFF_VALUES = {"false", "0", "no", "off"}


class CheckFailed(Exception):
    pass


def repo_path(pipeline_dir, path):
    """A path DVC printed (relative to the dvc.yaml folder) as seen from the repository root."""
    return os.path.normpath(os.path.join(pipeline_dir, path))


def run_dvc(args, json_output=True):
    try:
        run = subprocess.run(["dvc", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise CheckFailed("dvc is not installed (pip install -r requirements.txt)") from error
    if run.returncode != 0:
        raise CheckFailed(f"`dvc {' '.join(args)}` failed (exit {run.returncode}): {run.stderr.strip() or run.stdout.strip()}")
    if not json_output:
        return run.stdout
    try:
        return json.loads(run.stdout or "{}")
    except ValueError as error:
        raise CheckFailed(f"`dvc {' '.join(args)}` did not print JSON: {run.stdout[:200]!r}") from error


def describe(pipeline_dir, items):
    """`dvc status --json` items of one stage, in words, files named from the repository root."""
    words = []
    for item in items:
        if isinstance(item, str):
            words.append(item)
            continue
        for kind, changes in item.items():
            for path, change in changes.items():
                if isinstance(change, dict):
                    for key, key_change in change.items():
                        words.append(f"{kind}: {repo_path(pipeline_dir, path)} {key} {key_change}")
                else:
                    words.append(f"{kind}: {repo_path(pipeline_dir, path)} {change}")
    return words


def check_status(args):
    pipeline_dir = os.path.dirname(args.pipeline)
    status = run_dvc(["status", "--json", args.pipeline])
    errors = []
    for name, items in status.items():
        real = [item for item in items if item != "always changed"]
        if not real:
            continue
        detail = "; ".join(describe(pipeline_dir, real))
        if name.endswith(".dvc"):
            errors.append(f"{repo_path(pipeline_dir, name)}: the data it tracks differs from it ({detail}): run `dvc add` again and commit it")
        elif all(isinstance(item, dict) and list(item) == ["changed outs"] for item in real):
            errors.append(f"stage {name}: {detail} - an output was edited or is missing: restore it (`dvc checkout`) or run `dvc repro` and commit")
        else:
            errors.append(f"stage {name}: {detail} - run `dvc repro {args.pipeline}` and commit dvc.lock")
    if errors:
        raise CheckFailed("\n".join(errors))
    return f"{args.pipeline}: everything DVC tracks matches dvc.lock"


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def always_changed_stages(pipeline):
    stages = load_yaml(pipeline).get("stages") or {}
    return {name for name, stage in stages.items() if isinstance(stage, dict) and stage.get("always_changed")}


def git_changed_files():
    run = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, check=True
    )
    return sorted(line[3:] for line in run.stdout.splitlines() if line.strip())


def check_repro(args):
    if os.environ.get("REPRO_MODE", "full") == "status-only":
        return (
            "REPRO_MODE=status-only: `dvc repro` SKIPPED (large pipeline); only `dvc status` and the lock "
            "checks ran, so the outputs were not re-derived from the code"
        )
    pipeline_dir = os.path.dirname(args.pipeline)
    lock_path = os.path.join(pipeline_dir, "dvc.lock")
    if not os.path.isfile(lock_path):
        raise CheckFailed(f"{lock_path} is missing: run `dvc repro {args.pipeline}` and commit dvc.lock")
    before = load_yaml(lock_path).get("stages") or {}
    dirty = git_changed_files()
    if dirty:
        raise CheckFailed(f"the workspace has changes before `dvc repro`: {', '.join(dirty)}")
    run_dvc(["repro", "--force", args.pipeline], json_output=False)
    after = load_yaml(lock_path).get("stages") or {}
    volatile = always_changed_stages(args.pipeline)
    errors = []
    ignored = set()
    for name in sorted(set(before) | set(after)):
        if name.split("@")[0] in volatile:
            ignored.update(repo_path(pipeline_dir, out["path"]) for out in (after.get(name) or {}).get("outs") or [])
            continue
        old, new = before.get(name) or {}, after.get(name) or {}
        if old == new:
            continue
        outs = {out["path"]: out.get("md5") for out in old.get("outs") or []}
        differing = [
            repo_path(pipeline_dir, out["path"]) for out in new.get("outs") or [] if outs.get(out["path"]) != out.get("md5")
        ]
        what = f"outputs {', '.join(differing)} differ" if differing else "its dvc.lock entry differs"
        errors.append(f"stage {name}: after `dvc repro`, {what}: the committed results are not what the pipeline produces")
    changed = [f for f in git_changed_files() if f != os.path.normpath(lock_path) and f not in ignored]
    for path in changed:
        errors.append(f"{path} changed when the pipeline ran again: commit what `dvc repro` writes, never a hand-edited copy")
    if errors:
        raise CheckFailed("\n".join(errors))
    return f"`dvc repro --force {args.pipeline}` reproduced dvc.lock and every tracked file exactly"


def check_pushed(args):
    status = run_dvc(["status", "--cloud", "--json", args.pipeline])
    missing = sorted(path for path, state in status.items() if state in ("new", "missing"))
    if missing:
        raise CheckFailed(
            "\n".join(f"{path} is not in the DVC remote (dvc status -c: {status[path]}): run `dvc push`" for path in missing)
        )
    return "the DVC remote has every output of dvc.lock"


def mlflow_get(path, query):
    base = os.environ.get("MLFLOW_TRACKING_URI", "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise CheckFailed("MLFLOW_TRACKING_URI must be the http(s) URL of the MLflow server (a CI secret or variable)")
    request = urllib.request.Request(f"{base}{path}?{urllib.parse.urlencode(query)}")
    token = os.environ.get("MLFLOW_TRACKING_TOKEN")
    user, password = os.environ.get("MLFLOW_TRACKING_USERNAME"), os.environ.get("MLFLOW_TRACKING_PASSWORD")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    elif user and password:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        try:
            body = json.load(error)
        except ValueError:
            body = {}
        if error.code == 404 or body.get("error_code") == "RESOURCE_DOES_NOT_EXIST":
            return None
        raise CheckFailed(f"MLflow answered {error.code} {body.get('error_code', '')} on {path}".strip()) from error
    except (urllib.error.URLError, OSError) as error:
        raise CheckFailed(f"MLflow at MLFLOW_TRACKING_URI is not reachable: {getattr(error, 'reason', error)}") from error


def read_record(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as error:
        raise CheckFailed(f"{path} is missing: the train stage writes it during `dvc repro`") from error


def check_mlflow(args):
    if os.environ.get("REQUIRE_MLFLOW_RUN", "true").strip().lower() in OFF_VALUES:
        return "OFF (REQUIRE_MLFLOW_RUN=false): this commit's MLflow run is NOT checked"
    if os.environ.get("REPRO_MODE", "full") == "status-only":
        return "SKIPPED (REPRO_MODE=status-only): `dvc repro` did not run in CI, so no MLflow run of this commit exists to check"
    record = read_record(args.record)
    run_id = (record.get("mlflow") or {}).get("run_id")
    if not run_id:
        raise CheckFailed(
            f"{args.record} names no MLflow run: `dvc repro` ran without MLFLOW_TRACKING_URI (or without mlflow installed)"
        )
    answer = mlflow_get("/api/2.0/mlflow/runs/get", {"run_id": run_id})
    if answer is None:
        raise CheckFailed(f"MLflow has no run {run_id} (named by {args.record})")
    data = answer["run"].get("data") or {}
    logged = {p["key"]: p["value"] for p in data.get("params") or []}
    section = load_yaml(args.params).get(args.section) or {}
    errors = []
    for key, value in section.items():
        expected = str(value)  # mlflow.log_params stores str(value)
        if logged.get(key) != expected:
            errors.append(
                f"MLflow run {run_id}: param {key} is {logged.get(key)!r}, {args.params} has {args.section}.{key}: {expected!r}"
            )
    tags = {t["key"]: t["value"] for t in data.get("tags") or []}
    commit = args.commit or os.environ.get("GITHUB_SHA") or os.environ.get("CI_COMMIT_SHA")
    if tags.get("mlflow.source.git.commit") != commit:
        errors.append(
            f"MLflow run {run_id}: tag mlflow.source.git.commit is {tags.get('mlflow.source.git.commit')!r}, the commit under test is {commit!r}"
        )
    if errors:
        raise CheckFailed("\n".join(errors))
    return f"MLflow run {run_id} exists, has the params of {args.params} and commit {commit}"


def is_empty_table(markdown):
    return len([line for line in markdown.strip().splitlines() if line.startswith("|")]) <= 2


def build_report(base):
    metrics = run_dvc(["metrics", "diff", "--md", base], json_output=False).strip()
    params = run_dvc(["params", "diff", "--md", base], json_output=False).strip()
    return "\n".join(
        [
            MARKER,
            "### Reproducibility report",
            "",
            f"This branch against `{base}` (`dvc metrics diff --md` and `dvc params diff --md`).",
            "",
            "#### Metrics",
            "",
            "No metric changed." if is_empty_table(metrics) else metrics,
            "",
            "#### Params",
            "",
            "No param changed." if is_empty_table(params) else params,
            "",
        ]
    )


def api(method, url, token_header, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={**token_header, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise CheckFailed(f"{method} {urllib.parse.urlsplit(url).path} answered {error.code}") from error


def post_report(host, body):
    """Creates the report comment, or updates the one a previous push created (found by MARKER)."""
    if host == "github":
        token = {"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}", "Accept": "application/vnd.github+json"}
        base = f"{os.environ.get('GITHUB_API_URL', 'https://api.github.com')}/repos/{os.environ['GITHUB_REPOSITORY']}"
        listing, item, field = f"{base}/issues/{os.environ['PR_NUMBER']}/comments", f"{base}/issues/comments/{{}}", "body"
        update = "PATCH"
    else:
        token = {"PRIVATE-TOKEN": os.environ[os.environ.get("MR_NOTE_TOKEN_VARIABLE", "GITLAB_API_TOKEN")]}
        base = f"{os.environ['CI_API_V4_URL']}/projects/{os.environ['CI_PROJECT_ID']}/merge_requests/{os.environ['CI_MERGE_REQUEST_IID']}"
        listing, item, field, update = f"{base}/notes", f"{base}/notes/{{}}", "body", "PUT"
    page = 1
    while True:
        comments = api("GET", f"{listing}?per_page=100&page={page}", token)
        previous = next((c for c in comments if MARKER in (c.get(field) or "")), None)
        if previous or len(comments) < 100:
            break
        page += 1
    if previous:
        api(update, item.format(previous["id"]), token, {field: body})
        return f"updated the report comment {previous['id']}"
    created = api("POST", listing, token, {field: body})
    return f"posted the report comment {created.get('id')}"


def report(args):
    body = build_report(args.base)
    if args.out:
        Path(args.out).write_text(body, encoding="utf-8")
    if args.post:
        return post_report(args.post, body)
    print(body)
    return "report built"


def read_env_file(path):
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def promote(args):
    bar = load_yaml(args.params).get("promotion") or {}
    metric, minimum = bar.get("metric"), bar.get("min_value")
    if metric is None or minimum is None:
        raise CheckFailed(f"{args.params} has no promotion.metric / promotion.min_value")
    with open(args.metrics, encoding="utf-8") as handle:
        value = json.load(handle).get(metric)
    if not isinstance(value, (int, float)):
        raise CheckFailed(f"{args.metrics} has no numeric {metric}")
    if value < minimum:
        return f"not promoted: {metric} {value:.4f} is below promotion.min_value {minimum} in {args.params}"
    served = read_env_file(args.served)
    name = served.get("MODEL_NAME")
    if not name:
        raise CheckFailed(f"{args.served} has no MODEL_NAME=")
    run_id = (read_record(args.record).get("mlflow") or {}).get("run_id")
    if not run_id:
        raise CheckFailed(f"{args.record} names no MLflow run, so no registered version can be promoted")
    answer = mlflow_get("/api/2.0/mlflow/model-versions/search", {"filter": f"name='{name}' and run_id='{run_id}'"}) or {}
    versions = sorted(int(v["version"]) for v in answer.get("model_versions") or [] if v.get("run_id") == run_id)
    if not versions:
        raise CheckFailed(f"MLflow has no version of {name} registered from run {run_id}")
    version = versions[-1]
    if str(version) == served.get("MODEL_VERSION"):
        return f"{name} version {version} is already served"
    lines = Path(args.served).read_text(encoding="utf-8").splitlines()
    lines = [f"MODEL_VERSION={version}" if line.startswith("MODEL_VERSION=") else line for line in lines]
    if not any(line.startswith("MODEL_VERSION=") for line in lines):
        lines.append(f"MODEL_VERSION={version}")
    Path(args.served).write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"version={version}\nmetric={metric} {value:.4f}\n")
    return f"{name}: MODEL_VERSION {served.get('MODEL_VERSION')} -> {version} ({metric} {value:.4f} >= {minimum})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler in (("status", check_status), ("repro", check_repro), ("pushed", check_pushed)):
        sub = commands.add_parser(name)
        sub.add_argument("--pipeline", default="data-plane/dvc/dvc.yaml")
        sub.set_defaults(handler=handler)
    sub = commands.add_parser("mlflow")
    sub.add_argument("--record", default="data-plane/experiments/last-run.json")
    sub.add_argument("--params", default="data-plane/dvc/params.yaml")
    sub.add_argument("--section", default="train")
    sub.add_argument("--commit")
    sub.set_defaults(handler=check_mlflow)
    sub = commands.add_parser("report")
    sub.add_argument("--base", required=True)
    sub.add_argument("--out")
    sub.add_argument("--post", choices=["github", "gitlab"])
    sub.set_defaults(handler=report)
    sub = commands.add_parser("promote")
    sub.add_argument("--params", default="data-plane/dvc/params.yaml")
    sub.add_argument("--metrics", default="data-plane/experiments/metrics.json")
    sub.add_argument("--record", default="data-plane/experiments/last-run.json")
    sub.add_argument("--served", default="control-plane/serving/served-model.env")
    sub.set_defaults(handler=promote)
    args = parser.parse_args()
    try:
        message = args.handler(args)
    except CheckFailed as failure:
        for line in str(failure).splitlines():
            print(f"{args.command}: FAILED: {line}", file=sys.stderr)
        return 1
    print(f"{args.command}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
