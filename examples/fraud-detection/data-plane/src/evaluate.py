"""DVC stage `evaluate`: test-set metrics and plots of the trained model."""

import argparse
import csv
import json
import pickle
from pathlib import Path

import yaml
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score, roc_curve

from dataset import load_split


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--plots", required=True)
    args = parser.parse_args()

    with open(args.params, encoding="utf-8") as handle:
        params = yaml.safe_load(handle)["evaluate"]
    with open(args.model, "rb") as handle:
        model = pickle.load(handle)
    features, labels = load_split(Path(args.data) / "test.csv")
    scores = model.predict_proba(features)[:, 1]
    predicted = (scores >= params["threshold"]).astype(int)

    metrics = {
        "accuracy": float(accuracy_score(labels, predicted)),
        "precision": float(precision_score(labels, predicted, zero_division=0)),
        "recall": float(recall_score(labels, predicted, zero_division=0)),
        "f1": float(f1_score(labels, predicted, zero_division=0)),
        "roc_auc": float(roc_auc_score(labels, scores)),
    }
    Path(args.metrics).parent.mkdir(parents=True, exist_ok=True)
    with open(args.metrics, "w", encoding="utf-8") as handle:
        json.dump(metrics, handle, indent=2, sort_keys=True)
        handle.write("\n")

    plots = Path(args.plots)
    plots.mkdir(parents=True, exist_ok=True)
    fpr, tpr, _ = roc_curve(labels, scores)
    with open(plots / "roc.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["fpr", "tpr"])
        writer.writerows(zip(fpr.round(6), tpr.round(6)))
    with open(plots / "predictions.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["actual", "predicted"])
        writer.writerows(zip(labels, predicted))
    print("evaluate: " + ", ".join(f"{name} {value:.4f}" for name, value in metrics.items()))


if __name__ == "__main__":
    main()
