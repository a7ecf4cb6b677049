"""Spark job: standardise the prepared features at scale.

Reads the CSV files the DVC `prepare` stage writes (columns f0..fN and `label`),
computes each feature's mean and standard deviation, and writes
  <output>/features  the rows with z-scored features (Parquet)
  <output>/stats     one JSON line per feature: name, mean, stddev
The same column layout as data-plane/src/prepare.py, so a model trained on the
DVC output can score these rows.
"""

import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def feature_columns(columns):
    return [name for name in columns if name != "label"]


def standardise(frame):
    """The frame with z-scored features and a statistics frame (one row per feature)."""
    features = feature_columns(frame.columns)
    if not features:
        raise ValueError("the input has no feature columns (expected f0..fN and label)")
    aggregates = []
    for name in features:
        aggregates.append(F.mean(name).alias(f"{name}__mean"))
        aggregates.append(F.stddev_pop(name).alias(f"{name}__stddev"))
    summary = frame.agg(*aggregates).first()
    stats = [
        (name, float(summary[f"{name}__mean"]), float(summary[f"{name}__stddev"]))
        for name in features
    ]
    scaled = frame.select(
        *[
            # A constant column has stddev 0: keep it centred instead of dividing by zero.
            ((F.col(name) - mean) / (stddev if stddev > 0 else 1.0)).alias(name)
            for name, mean, stddev in stats
        ],
        F.col("label").cast("int").alias("label"),
    )
    return scaled, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True, help="CSV file or folder, e.g. s3a://bucket/processing/raw/")
    parser.add_argument("--output", required=True, help="folder for features/ and stats/")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("prepare-features").getOrCreate()
    try:
        frame = spark.read.csv(args.input, header=True, inferSchema=True)
        if "label" not in frame.columns:
            raise ValueError(f"{args.input} has no 'label' column")
        scaled, stats = standardise(frame)
        scaled.write.mode("overwrite").parquet(f"{args.output}/features")
        spark.createDataFrame(stats, ["feature", "mean", "stddev"]).coalesce(1).write.mode(
            "overwrite"
        ).json(f"{args.output}/stats")
        print(f"prepare-features: {scaled.count()} rows, {len(stats)} features -> {args.output}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
