"""Distributed training of ${{ values.name }} on Ray (RayJob in control-plane/training/ray-job.yaml).

Reads the same parameters as the DVC pipeline (the `prepare` and `train`
sections of data-plane/dvc/params.yaml), builds the same data set with
data-plane/src/prepare.py and the same model with data-plane/src/train.py, and
cross-validates it with one Ray task per fold spread over the RayCluster's
workers. It then fits the model on the whole training split and, when
MLFLOW_TRACKING_URI is set, logs the run to the MLflow experiment
`${{ values.name }}` and registers the model under the same name.

--local runs the folds in this process without Ray, e.g. to check a change:
    python3 training/ray_train.py --params data-plane/dvc/params.yaml --local
"""

import argparse
import json
import sys
from pathlib import Path

import yaml
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold, train_test_split

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "data-plane" / "src"))

from prepare import load_dataset  # noqa: E402
from train import build_model, git_commit, log_to_mlflow  # noqa: E402


def fit_fold(params, features, labels, train_index, test_index):
    """Accuracy of the configured model on one cross-validation fold."""
    model = build_model(params)
    model.fit(features[train_index], labels[train_index])
    return float(accuracy_score(labels[test_index], model.predict(features[test_index])))


def cross_validate(params, features, labels, folds, local, gpus_per_task):
    splits = list(
        StratifiedKFold(n_splits=folds, shuffle=True, random_state=params["seed"]).split(features, labels)
    )
    if local:
        return [fit_fold(params, features, labels, train, test) for train, test in splits]
    import ray

    ray.init()
    remote_fit = ray.remote(num_cpus=1, num_gpus=gpus_per_task)(fit_fold)
    features_ref, labels_ref = ray.put(features), ray.put(labels)
    return ray.get([remote_fit.remote(params, features_ref, labels_ref, train, test) for train, test in splits])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--params", default=str(REPOSITORY / "data-plane" / "dvc" / "params.yaml"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--gpus-per-task", type=float, default=0)
    parser.add_argument("--local", action="store_true", help="run the folds here, without Ray")
    args = parser.parse_args()
    if args.folds < 2:
        raise SystemExit(f"ray_train: --folds must be at least 2 (got {args.folds})")

    with open(args.params, encoding="utf-8") as handle:
        all_params = yaml.safe_load(handle)
    prepare_params, params = all_params["prepare"], all_params["train"]

    features, labels = load_dataset(prepare_params)
    train_x, test_x, train_y, test_y = train_test_split(
        features,
        labels,
        test_size=prepare_params["test_size"],
        random_state=prepare_params["seed"],
        stratify=labels,
    )
    scores = cross_validate(params, train_x, train_y, args.folds, args.local, args.gpus_per_task)

    model = build_model(params)
    model.fit(train_x, train_y)
    metrics = {
        "cv_accuracy_mean": sum(scores) / len(scores),
        "cv_accuracy_min": min(scores),
        "train_accuracy": float(accuracy_score(train_y, model.predict(train_x))),
        "test_accuracy": float(accuracy_score(test_y, model.predict(test_x))),
    }
    mlflow_run = log_to_mlflow(params, metrics, model, git_commit())
    print(json.dumps({"params": params, "folds": args.folds, "metrics": metrics, "mlflow": mlflow_run}, sort_keys=True))


if __name__ == "__main__":
    main()
