#!/usr/bin/env python3
"""Fail when the DVC pipeline is missing or dvc.lock is stale.

Works without DVC installed: compares dvc.lock with dvc.yaml (stages, commands,
declared deps/outs), with params.yaml (every locked parameter value) and with
the files in git (md5 of every dependency that is not a pipeline output), and
checks that each stage consumed exactly what the previous stage produced. When
DVC is installed and the pipeline outputs are present, `dvc status` must also
report nothing to reproduce.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml


def entries(items):
    """Paths of a deps/outs/metrics/plots list, whose items are strings or {path: props}."""
    paths = []
    for item in items or []:
        if isinstance(item, str):
            paths.append(item)
        else:
            paths.extend(item.keys())
    return paths


def param_keys(stage):
    """(file, key) pairs a stage declares; bare keys live in params.yaml."""
    keys = []
    for item in stage.get("params", []) or []:
        if isinstance(item, str):
            keys.append(("params.yaml", item))
        else:
            for file_name, names in item.items():
                keys.extend((file_name, name) for name in names or [])
    return keys


def lookup(document, dotted):
    value = document
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(dotted)
        value = value[part]
    return value


def file_md5(path, legacy_text):
    data = path.read_bytes()
    if legacy_text and b"\x00" not in data:
        # dvc.lock files written by DVC 2 hash text files with CRLF turned into LF.
        data = data.replace(b"\r\n", b"\n")
    return hashlib.md5(data).hexdigest()


def check(dvc_yaml):
    errors = []
    if not dvc_yaml.is_file():
        return [f"{dvc_yaml} is missing: the DVC pipeline must be committed"]
    pipeline = yaml.safe_load(dvc_yaml.read_text(encoding="utf-8")) or {}
    stages = pipeline.get("stages") or {}
    if not stages:
        return [f"{dvc_yaml} declares no stages"]
    lock_path = dvc_yaml.with_name("dvc.lock")
    if not lock_path.is_file():
        return [f"{lock_path} is missing: run `dvc repro {dvc_yaml}` and commit dvc.lock"]
    lock = yaml.safe_load(lock_path.read_text(encoding="utf-8")) or {}
    if str(lock.get("schema")) != "2.0":
        errors.append(f"{lock_path} has schema {lock.get('schema')!r}, expected '2.0'")
    locked_stages = lock.get("stages") or {}

    extra = sorted(set(locked_stages) - set(stages))
    if extra:
        errors.append(f"dvc.lock has stages that dvc.yaml no longer declares: {', '.join(extra)}")

    produced = {}
    for name, locked in locked_stages.items():
        wdir = dvc_yaml.parent / (stages.get(name, {}).get("wdir") or ".")
        for out in locked.get("outs") or []:
            produced[os.path.normpath(wdir / out["path"])] = out.get("md5")

    for name, stage in stages.items():
        locked = locked_stages.get(name)
        if locked is None:
            errors.append(f"stage {name} is not in dvc.lock")
            continue
        wdir = dvc_yaml.parent / (stage.get("wdir") or ".")
        if locked.get("cmd") != stage.get("cmd"):
            errors.append(f"stage {name}: command changed since dvc.lock was written")

        locked_params = locked.get("params") or {}
        for file_name, key in param_keys(stage):
            params_file = wdir / file_name
            try:
                current = lookup(yaml.safe_load(params_file.read_text(encoding="utf-8")) or {}, key)
            except (OSError, KeyError):
                errors.append(f"stage {name}: parameter {key} is missing from {params_file}")
                continue
            if locked_params.get(file_name, {}).get(key) != current:
                errors.append(f"stage {name}: parameter {key} in {file_name} differs from dvc.lock")

        locked_deps = {dep["path"]: dep for dep in locked.get("deps") or []}
        declared_deps = entries(stage.get("deps"))
        if sorted(locked_deps) != sorted(declared_deps):
            errors.append(f"stage {name}: dependencies in dvc.yaml and dvc.lock differ")
        for path in declared_deps:
            dep = locked_deps.get(path)
            if dep is None:
                continue
            full = os.path.normpath(wdir / path)
            if full in produced:
                if produced[full] != dep.get("md5"):
                    errors.append(f"stage {name}: {path} in dvc.lock is not what the producing stage locked")
            elif Path(full).is_file():
                if file_md5(Path(full), dep.get("hash") != "md5") != dep.get("md5"):
                    errors.append(f"stage {name}: {path} changed since dvc.lock was written")
            else:
                errors.append(f"stage {name}: dependency {path} does not exist")

        declared_outs = entries(stage.get("outs")) + entries(stage.get("metrics")) + entries(stage.get("plots"))
        if sorted(out["path"] for out in locked.get("outs") or []) != sorted(declared_outs):
            errors.append(f"stage {name}: outputs in dvc.yaml and dvc.lock differ")

    if not errors and shutil.which("dvc"):
        outs_present = all(Path(path).exists() for path in produced)
        if outs_present:
            status = subprocess.run(["dvc", "status", "--quiet", str(dvc_yaml)], check=False)
            if status.returncode != 0:
                errors.append("`dvc status` reports stages to reproduce")
        else:
            print("dvc-lock-fresh: pipeline outputs not pulled; skipping `dvc status`")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dvc_yaml", nargs="?", default="data-plane/dvc/dvc.yaml")
    args = parser.parse_args()
    errors = check(Path(args.dvc_yaml))
    for error in errors:
        print(f"dvc-lock-fresh: {error}", file=sys.stderr)
    if errors:
        return 1
    print(f"dvc-lock-fresh: {args.dvc_yaml} and dvc.lock agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
