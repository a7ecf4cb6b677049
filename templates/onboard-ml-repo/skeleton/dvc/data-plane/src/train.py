#!/usr/bin/env python3
"""Example training stage of ${{ values.name }}: replace the data set and model with yours.

Trains on a deterministic synthetic data set, writes the metrics DVC tracks and a
run record, and logs the run to MLflow when MLFLOW_TRACKING_URI is set.
"""

import argparse
import json
import os
from pathlib import Path

import yaml
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

EXPERIMENT = "${{ values.name }}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml")
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--record", required=True)
    args = parser.parse_args()

    params = yaml.safe_load(Path(args.params).read_text(encoding="utf-8"))["train"]
    features, labels = make_classification(
        n_samples=params["n_samples"], n_features=20, n_informative=8, random_state=params["seed"]
    )
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.25, random_state=params["seed"]
    )
    model = RandomForestClassifier(
        n_estimators=params["n_estimators"], max_depth=params["max_depth"], random_state=params["seed"]
    )
    model.fit(x_train, y_train)
    predictions = model.predict(x_test)
    metrics = {
        "accuracy": round(float(accuracy_score(y_test, predictions)), 6),
        "f1": round(float(f1_score(y_test, predictions)), 6),
    }

    record = {"params": params, "metrics": metrics, "mlflow": None}
    if os.environ.get("MLFLOW_TRACKING_URI"):
        import mlflow

        mlflow.set_experiment(EXPERIMENT)
        with mlflow.start_run() as run:
            mlflow.log_params(params)
            mlflow.log_metrics(metrics)
            record["mlflow"] = {"run_id": run.info.run_id}

    for path, content in ((args.metrics, metrics), (args.record, record)):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(content, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
