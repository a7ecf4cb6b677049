"""DVC stage `train`: fit the model, write it and the run record.

When MLFLOW_TRACKING_URI is set and mlflow is installed, the run (parameters,
training metrics, git commit, model) is logged to the MLflow experiment
`fraud-detection` and the model is registered under the same name (CI does
this on every `dvc repro`). The run record (MLflow run id, commit, time) is not
a DVC output: the model file depends only on the data and params.yaml.
"""

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import time
from pathlib import Path

import yaml
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

from dataset import load_split

PROJECT = "fraud-detection"


def build_model(params):
    if params["model"] == "random_forest":
        return RandomForestClassifier(
            n_estimators=params["n_estimators"],
            max_depth=params["max_depth"],
            random_state=params["seed"],
        )
    if params["model"] == "logistic_regression":
        return LogisticRegression(max_iter=1000, random_state=params["seed"])
    raise SystemExit(f"train: unknown model {params['model']!r} in params.yaml (random_forest or logistic_regression)")


def git_commit():
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
        return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "uncommitted"


def log_to_mlflow(params, metrics, model, commit):
    """Log the run when MLflow is configured; return its ids, or None."""
    tracking_uri = os.environ.get("MLFLOW_TRACKING_URI")
    if not tracking_uri:
        return None
    try:
        import mlflow
        import mlflow.sklearn
    except ImportError:
        print("train: MLFLOW_TRACKING_URI is set but mlflow is not installed; not logging the run")
        return None
    mlflow.set_experiment(os.environ.get("MLFLOW_EXPERIMENT_NAME", PROJECT))
    with mlflow.start_run() as run:
        mlflow.set_tag("mlflow.source.git.commit", commit)
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.sklearn.log_model(model, "model", registered_model_name=PROJECT)
        return {
            "tracking_uri": tracking_uri,
            "experiment_id": run.info.experiment_id,
            "run_id": run.info.run_id,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--record", required=True)
    args = parser.parse_args()

    with open(args.params, encoding="utf-8") as handle:
        params = yaml.safe_load(handle)["train"]
    train_path = Path(args.data) / "train.csv"
    features, labels = load_split(train_path)
    model = build_model(params)
    model.fit(features, labels)
    metrics = {"train_accuracy": float(accuracy_score(labels, model.predict(features)))}

    Path(args.model).parent.mkdir(parents=True, exist_ok=True)
    with open(args.model, "wb") as handle:
        pickle.dump(model, handle)

    commit = git_commit()
    record = {
        "project": PROJECT,
        "params": params,
        "metrics": metrics,
        "git_commit": commit,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "data_md5": hashlib.md5(train_path.read_bytes()).hexdigest(),
        "mlflow": log_to_mlflow(params, metrics, model, commit),
    }
    Path(args.record).parent.mkdir(parents=True, exist_ok=True)
    with open(args.record, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2, sort_keys=True)
        handle.write("\n")
    print(f"train: {params['model']} train accuracy {metrics['train_accuracy']:.4f}")


if __name__ == "__main__":
    main()
