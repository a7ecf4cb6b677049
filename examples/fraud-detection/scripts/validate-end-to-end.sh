#!/usr/bin/env bash
# Validates fraud-detection end to end on the real cluster (current kubectl
# context): GitOps synced, Crossplane bucket Ready, MLflow healthy, `dvc status`
# clean, and the latest run logged to MLflow, canary healthy.
# Exits non-zero when any check fails. --dry-run prints the checks instead.
set -euo pipefail

NAMESPACE=fraud-detection
BUCKET_RESOURCE=bucket.s3.aws.m.upbound.io/example-fraud-detection-artifacts
MLFLOW_PROXY=/api/v1/namespaces/fraud-detection/services/mlflow:http/proxy
RUN_RECORD=data-plane/experiments/last-run.json

dry_run=false
failures=0

usage() {
  cat <<USAGE
Usage: $0 [--dry-run]

Checks GitOps sync, the Crossplane bucket, MLflow health, dvc status and the
latest MLflow run of $NAMESPACE.

  --dry-run   print the checks without running them
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "validate-end-to-end: unknown option: $1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

cd "$(dirname "$0")/.."

# check <description> <command...>: runs the command, records a failure.
check() {
  local description=$1
  shift
  if [ "$dry_run" = true ]; then
    printf 'would check: %s\n' "$description"
    if declare -F "$1" >/dev/null; then
      # Show the commands of a check function, not just its name.
      declare -f "$1" | sed '1,2d;$d'
    else
      printf '+ %s\n' "$*"
    fi
    return 0
  fi
  if "$@"; then
    printf 'PASS %s\n' "$description"
  else
    printf 'FAIL %s\n' "$description"
    failures=$((failures + 1))
  fi
}

gitops_synced() {
  local state
  state=$(kubectl -n argocd get application.argoproj.io "$NAMESPACE" \
    -o jsonpath='{.status.sync.status}/{.status.health.status}')
  echo "  Argo CD application $NAMESPACE: $state"
  [ "$state" = "Synced/Healthy" ]
}

mlflow_healthy() {
  kubectl -n "$NAMESPACE" rollout status deployment/mlflow --timeout=5m &&
    [ "$(kubectl get --raw "$MLFLOW_PROXY/health")" = "OK" ]
}

dvc_status_clean() {
  dvc status --quiet data-plane/dvc/dvc.yaml
}

latest_run_logged() {
  local run_id
  run_id=$(python3 -c 'import json, sys; print((json.load(open(sys.argv[1])).get("mlflow") or {}).get("run_id") or "")' "$RUN_RECORD")
  if [ -z "$run_id" ]; then
    echo "  $RUN_RECORD names no MLflow run: run dvc repro with MLFLOW_TRACKING_URI set"
    return 1
  fi
  kubectl get --raw "$MLFLOW_PROXY/api/2.0/mlflow/runs/get?run_id=$run_id" | grep -q '"status": *"FINISHED"'
}

canary_healthy() {
  [ "$(kubectl -n "$NAMESPACE" get rollout.argoproj.io "$NAMESPACE-serving" -o jsonpath='{.status.phase}')" = "Healthy" ]
}

grafana_running() {
  kubectl -n monitoring rollout status deployment/kube-prometheus-stack-grafana --timeout=5m &&
    kubectl -n monitoring wait prometheus.monitoring.coreos.com/kube-prometheus-stack-prometheus \
      --for=condition=Available --timeout=5m
}

check "GitOps synced" gitops_synced
check "Crossplane bucket Ready" kubectl wait "$BUCKET_RESOURCE" -n "$NAMESPACE" --for=condition=Ready --timeout=5m
check "TLS certificates issued (cert-manager)" kubectl -n "$NAMESPACE" wait certificate.cert-manager.io --all --for=condition=Ready --timeout=10m
check "MLflow healthy" mlflow_healthy
check "dvc status clean" dvc_status_clean
check "latest run logged to MLflow" latest_run_logged
check "canary healthy" canary_healthy
check "Grafana and Prometheus running" grafana_running

if [ "$dry_run" = true ]; then
  exit 0
fi
if [ "$failures" -gt 0 ]; then
  echo "validate-end-to-end: $failures check(s) failed"
  exit 1
fi
echo "validate-end-to-end: all checks passed"
