#!/usr/bin/env python3
"""Fail when the run record of the locked pipeline run is missing.

The train stage writes data-plane/experiments/last-run.json (a DVC output kept
in git). This check requires that the file exists, is the one dvc.lock
recorded (same md5, so it belongs to the locked run), carries the parameters
now in params.yaml, and - when REQUIRE_MLFLOW_RUN=true - names the MLflow run
it was logged as.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import yaml

RECORD = "../experiments/last-run.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dvc_yaml", nargs="?", default="data-plane/dvc/dvc.yaml")
    args = parser.parse_args()
    dvc_yaml = Path(args.dvc_yaml)
    errors = []
    record_path = dvc_yaml.parent / RECORD
    lock_path = dvc_yaml.with_name("dvc.lock")

    if not record_path.is_file():
        errors.append(f"{os.path.normpath(record_path)} is missing: run the pipeline and commit the run record")
    elif not lock_path.is_file():
        errors.append(f"{lock_path} is missing, so the run record cannot be matched to a pipeline run")
    else:
        lock = yaml.safe_load(lock_path.read_text(encoding="utf-8")) or {}
        train = (lock.get("stages") or {}).get("train") or {}
        locked = {out["path"]: out for out in train.get("outs") or []}
        record_bytes = record_path.read_bytes()
        if RECORD not in locked:
            errors.append("dvc.lock does not list the run record as an output of the train stage")
        elif hashlib.md5(record_bytes).hexdigest() != locked[RECORD].get("md5"):
            errors.append("the run record is not the one dvc.lock recorded: commit the record of the locked run")
        record = json.loads(record_bytes)
        params = yaml.safe_load((dvc_yaml.parent / "params.yaml").read_text(encoding="utf-8")) or {}
        if record.get("params") != params.get("train"):
            errors.append("the run record was made with other train parameters than params.yaml holds")
        if not record.get("git_commit"):
            errors.append("the run record has no git commit")
        if os.environ.get("REQUIRE_MLFLOW_RUN", "").lower() == "true":
            run_id = (record.get("mlflow") or {}).get("run_id")
            if not run_id:
                errors.append("the run was not logged to MLflow (set MLFLOW_TRACKING_URI when running `dvc repro`)")

    for error in errors:
        print(f"mlflow-run-metadata: {error}", file=sys.stderr)
    if errors:
        return 1
    print(f"mlflow-run-metadata: {os.path.normpath(record_path)} belongs to the locked run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
