#!/usr/bin/env bash
# Bootstraps the cluster for fraud-detection: installs Crossplane and its
# AWS S3 provider, Argo CD and Argo Rollouts from pinned
# manifests, the parts of the cluster layer (cluster-layer/) the cluster does not have yet,
# then applies the root GitOps object that reconciles control-plane/.
# Run against the current kubectl context. --dry-run prints every command instead.
set -euo pipefail

CROSSPLANE_CHART_VERSION=2.3.4
# The Crossplane AWS provider's IAM role (EKS Pod Identity); its package is
# pinned in cluster-layer/crossplane/provider-aws-s3.yaml.
CROSSPLANE_ROLE=gpu-prod-eu-crossplane-provider-aws-s3
ARGOCD_MANIFEST=https://raw.githubusercontent.com/argoproj/argo-cd/v3.5.1/manifests/install.yaml
ROOT_APP=control-plane/gitops/argo-cd-app.yaml
ARGO_ROLLOUTS_MANIFEST=https://github.com/argoproj/argo-rollouts/releases/download/v1.9.1/install.yaml

dry_run=false

usage() {
  cat <<USAGE
Usage: $0 [--dry-run]

Installs the GitOps controller and its dependencies into the current kubectl
context and applies $ROOT_APP.

  --dry-run   print the commands without running them
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
      echo "bootstrap: unknown option: $1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

cd "$(dirname "$0")/.."

run() {
  if [ "$dry_run" = true ]; then
    printf '+ %s\n' "$*"
  else
    "$@"
  fi
}

ensure_namespace() {
  if [ "$dry_run" = true ] || ! kubectl get namespace "$1" >/dev/null 2>&1; then
    run kubectl create namespace "$1"
  fi
}

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "bootstrap: $1 is required but not on PATH" >&2
    exit 1
  fi
}

if [ "$dry_run" = false ]; then
  require kubectl
  require helm
  require aws
  kubectl cluster-info >/dev/null
fi

echo "== Crossplane $CROSSPLANE_CHART_VERSION"
# Crossplane is shared by every ML project on this cluster: installed once,
# reused when it is there (a second project never re-installs or downgrades it).
if [ "$dry_run" = true ] || ! kubectl get crd providers.pkg.crossplane.io >/dev/null 2>&1; then
  run helm repo add crossplane-stable https://charts.crossplane.io/stable
  run helm repo update crossplane-stable
  run helm upgrade --install crossplane crossplane-stable/crossplane \
    --namespace crossplane-system --create-namespace \
    --version "$CROSSPLANE_CHART_VERSION" --wait
else
  echo "Crossplane is installed: reusing it"
fi

echo "== Cluster layer (cluster-layer/crossplane: the Crossplane AWS S3 provider, shared by every ML project on this cluster)"
if [ "$dry_run" = true ] || ! kubectl get provider.pkg.crossplane.io provider-aws-s3 >/dev/null 2>&1; then
  run kubectl apply --server-side -k cluster-layer/crossplane
else
  echo "Provider provider-aws-s3 exists: reusing it"
fi
run kubectl wait provider.pkg.crossplane.io/provider-aws-s3 --for=condition=Healthy --timeout=5m
# This project's share of the provider's IAM role (EKS Pod Identity,
# control-plane/cluster/eks-cluster.yaml): one inline policy per project,
# allowing its bucket only (bucket-level actions; Crossplane never reads objects).
run aws iam put-role-policy --role-name "$CROSSPLANE_ROLE" --policy-name fraud-detection-bucket \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::example-fraud-detection-artifacts"}]}'

echo "== Argo CD"
ensure_namespace argocd
run kubectl apply -n argocd --server-side --force-conflicts -f "$ARGOCD_MANIFEST"
run kubectl -n argocd rollout status deployment/argocd-repo-server --timeout=5m
run kubectl -n argocd rollout status statefulset/argocd-application-controller --timeout=5m

echo "== Argo Rollouts"
ensure_namespace argo-rollouts
run kubectl apply -n argo-rollouts -f "$ARGO_ROLLOUTS_MANIFEST"
run kubectl -n argo-rollouts rollout status deployment/argo-rollouts --timeout=5m

# The cluster layer (cluster-layer/): the parts every ML project on this cluster
# shares, each installed once per cluster. A part is applied only when the
# cluster does not have it yet (its marker: a CRD, a GatewayClass, a running
# Deployment or DaemonSet), so a second project detects and reuses the first
# one's instead of declaring it again; then the bootstrap waits for its Argo CD Application
# (the CRDs control-plane/ needs come with it).
# cluster_part <folder> <object to wait for, or -> <marker: kubectl get arguments>
exists() {
  [ -n "$(kubectl get "$@" -o name 2>/dev/null)" ]
}
cluster_part() {
  local part=$1 wait_for=$2
  shift 2
  echo "== Cluster layer: cluster-layer/$part"
  if [ "$dry_run" = false ] && exists "$@"; then
    echo "cluster-layer/$part: already on this cluster ($*), reusing it"
    return
  fi
  run kubectl apply --server-side -k "cluster-layer/$part"
  case "$wait_for" in
    -) ;;
    application/*) run kubectl -n argocd wait "$wait_for" --for=jsonpath='{.status.health.status}'=Healthy --timeout=15m ;;
    *) run kubectl -n flux-system wait "$wait_for" --for=condition=Ready --timeout=15m ;;
  esac
}

cluster_part cluster-autoscaler application/cluster-autoscaler deployment -n kube-system -l app.kubernetes.io/name=aws-cluster-autoscaler
# First: the Envoy proxies' PodMonitor (cluster-layer/) needs its CRD.
cluster_part kube-prometheus-stack application/kube-prometheus-stack crd prometheuses.monitoring.coreos.com
# The root of cluster-layer/: Envoy Gateway and its GatewayClass.
echo "== Cluster layer: cluster-layer/ (Envoy Gateway)"
if [ "$dry_run" = true ] || ! exists gatewayclass envoy-gateway; then
  run kubectl apply --server-side -k cluster-layer
  run kubectl -n argocd wait application/envoy-gateway --for=jsonpath='{.status.health.status}'=Healthy --timeout=15m
else
  echo "GatewayClass envoy-gateway exists: reusing the cluster layer"
fi
cluster_part envoy-proxy-monitor - podmonitor -n envoy-gateway-system envoy-proxies
# Argo Rollouts' Gateway API plugin, unless its configuration names one already
# (Argo Rollouts' own install leaves argo-rollouts-config without plugins).
echo "== Cluster layer: cluster-layer/argo-rollouts-gateway-api"
if [ "$dry_run" = true ] || [ -z "$(kubectl -n argo-rollouts get configmap argo-rollouts-config -o jsonpath='{.data.trafficRouterPlugins}' 2>/dev/null)" ]; then
  run kubectl apply --server-side -k cluster-layer/argo-rollouts-gateway-api
  # Argo Rollouts loads its traffic router plugins at start.
  run kubectl -n argo-rollouts rollout restart deployment/argo-rollouts
else
  echo "Argo Rollouts has its traffic router plugin: reusing it"
fi
cluster_part cert-manager application/cert-manager crd certificates.cert-manager.io
cluster_part cert-manager-issuers - clusterissuer mlops-internal-ca
cluster_part nvidia-device-plugin application/nvidia-device-plugin daemonset -A -l app.kubernetes.io/name=nvidia-device-plugin
cluster_part dcgm-exporter application/dcgm-exporter daemonset -A -l app.kubernetes.io/name=dcgm-exporter

echo "== Root application $ROOT_APP"
run kubectl apply -f "$ROOT_APP"

echo "bootstrap: done. Next: ./scripts/validate-end-to-end.sh"
