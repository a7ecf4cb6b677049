#!/usr/bin/env python3
"""Fail when the canary analysis or the serving alerts drift from the gates.

Reads control-plane/ci-cd/canary-checks.yaml and checks that the canary in
rollout-canary.yaml (Argo Rollouts or Flagger) analyses both the success rate
and the p95 latency with exactly the gated thresholds, never shifts more than
the allowed traffic share, and that metrics-config.yaml alerts on the same
thresholds.
"""

import argparse
import re
import sys
from pathlib import Path

import yaml


def load_documents(path):
    with open(path, encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc]


def by_kind(documents, kind):
    return [doc for doc in documents if doc.get("kind") == kind]


def threshold_in(expression, operator):
    match = re.search(re.escape(operator) + r"\s*([0-9.]+)", expression or "")
    return float(match.group(1)) if match else None


def check_argo_rollouts(documents, gates, errors):
    rollouts = by_kind(documents, "Rollout")
    if len(rollouts) != 1:
        errors.append(f"expected one Rollout, found {len(rollouts)}")
        return
    canary = rollouts[0]["spec"].get("strategy", {}).get("canary", {})
    templates = {t["metadata"]["name"]: t for t in by_kind(documents, "AnalysisTemplate")}
    referenced = [t["templateName"] for t in canary.get("analysis", {}).get("templates", [])]
    if not referenced:
        errors.append("the Rollout runs no background analysis")
    metrics = {}
    for name in referenced:
        if name not in templates:
            errors.append(f"the Rollout references the missing AnalysisTemplate {name}")
            continue
        for metric in templates[name]["spec"].get("metrics", []):
            metrics[metric["name"]] = metric.get("successCondition", "")
    success = threshold_in(metrics.get("success-rate"), ">=")
    latency = threshold_in(metrics.get("latency-p95"), "<=")
    if success != gates["successRateMin"]:
        errors.append(f"success-rate analysis threshold is {success}, the gate is {gates['successRateMin']}")
    if latency != gates["latencyP95SecondsMax"]:
        errors.append(f"latency-p95 analysis threshold is {latency}, the gate is {gates['latencyP95SecondsMax']}")
    steps = canary.get("steps", [])
    weights = [step["setWeight"] for step in steps if "setWeight" in step]
    if not weights:
        errors.append("the Rollout has no setWeight steps")
    elif max(weights) > gates["maxCanaryWeight"]:
        errors.append(f"the Rollout shifts {max(weights)}% to the canary, the gate allows {gates['maxCanaryWeight']}%")
    for index, step in enumerate(steps):
        if "setWeight" in step and (index + 1 >= len(steps) or "pause" not in steps[index + 1]):
            errors.append(f"step {index + 1} (setWeight {step['setWeight']}) is not followed by a pause for analysis")


def check_flagger(documents, gates, errors):
    canaries = by_kind(documents, "Canary")
    if len(canaries) != 1:
        errors.append(f"expected one Canary, found {len(canaries)}")
        return
    analysis = canaries[0]["spec"].get("analysis", {})
    templates = {t["metadata"]["name"] for t in by_kind(documents, "MetricTemplate")}
    metrics = {metric["name"]: metric for metric in analysis.get("metrics", [])}
    for metric in metrics.values():
        ref = metric.get("templateRef", {}).get("name")
        if ref and ref not in templates:
            errors.append(f"metric {metric['name']} references the missing MetricTemplate {ref}")
    success = metrics.get("success-rate", {}).get("thresholdRange", {}).get("min")
    latency = metrics.get("latency-p95", {}).get("thresholdRange", {}).get("max")
    if success != gates["successRateMin"]:
        errors.append(f"success-rate threshold is {success}, the gate is {gates['successRateMin']}")
    if latency != gates["latencyP95SecondsMax"]:
        errors.append(f"latency-p95 threshold is {latency}, the gate is {gates['latencyP95SecondsMax']}")
    if analysis.get("maxWeight", 100) > gates["maxCanaryWeight"]:
        errors.append(f"the Canary shifts up to {analysis.get('maxWeight')}%, the gate allows {gates['maxCanaryWeight']}%")


def check_alerts(documents, gates, errors):
    alerts = {}
    for rule_set in by_kind(documents, "PrometheusRule"):
        for group in rule_set["spec"].get("groups", []):
            for rule in group.get("rules", []):
                if "alert" in rule:
                    alerts[rule["alert"]] = rule["expr"]
    success = threshold_in(alerts.get("ServingSuccessRateLow"), "<")
    latency = threshold_in(alerts.get("ServingLatencyHigh"), ">")
    if success != gates["successRateMin"]:
        errors.append(f"ServingSuccessRateLow alerts below {success}, the gate is {gates['successRateMin']}")
    if latency != gates["latencyP95SecondsMax"]:
        errors.append(f"ServingLatencyHigh alerts above {latency}, the gate is {gates['latencyP95SecondsMax']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="control-plane/ci-cd/canary-checks.yaml")
    args = parser.parse_args()
    config_path = Path(args.config)
    with open(config_path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    root = config_path.resolve().parents[2]
    gates = config["gates"]
    errors = []
    rollout_documents = load_documents(root / config["rolloutFile"])
    if config["engine"] == "argo-rollouts":
        check_argo_rollouts(rollout_documents, gates, errors)
    elif config["engine"] == "flagger":
        check_flagger(rollout_documents, gates, errors)
    else:
        errors.append(f"unknown canary engine {config['engine']!r}")
    check_alerts(load_documents(root / config["metricsFile"]), gates, errors)
    for error in errors:
        print(f"canary-gate: {error}", file=sys.stderr)
    if errors:
        return 1
    print(f"canary-gate: {config['engine']} canary matches the gates in {args.config}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
