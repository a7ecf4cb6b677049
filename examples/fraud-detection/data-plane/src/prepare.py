"""DVC stage `prepare`: write a deterministic train/test split.

The data is a synthetic classification problem generated from params.yaml, so
`dvc repro` works on a brand-new repository with an empty remote. Replace the
body of `load_dataset` with your real data source; keep the output format.
"""

import argparse
import csv
from pathlib import Path

import yaml
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split


def load_dataset(params):
    return make_classification(
        n_samples=params["n_samples"],
        n_features=params["n_features"],
        n_informative=params["n_informative"],
        n_redundant=2,
        random_state=params["seed"],
    )


def write_csv(path, features, labels):
    header = [f"f{index}" for index in range(features.shape[1])] + ["label"]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row, label in zip(features, labels):
            writer.writerow([f"{value:.6f}" for value in row] + [int(label)])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with open(args.params, encoding="utf-8") as handle:
        params = yaml.safe_load(handle)["prepare"]
    features, labels = load_dataset(params)
    train_x, test_x, train_y, test_y = train_test_split(
        features,
        labels,
        test_size=params["test_size"],
        random_state=params["seed"],
        stratify=labels,
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "train.csv", train_x, train_y)
    write_csv(out / "test.csv", test_x, test_y)
    print(f"prepare: {len(train_y)} training and {len(test_y)} test rows in {out}")


if __name__ == "__main__":
    main()
