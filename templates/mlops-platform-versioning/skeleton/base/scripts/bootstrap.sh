#!/usr/bin/env bash
# Bootstraps the cluster for ${{ values.name }}: installs Crossplane{% if values.storage == 's3' and values.infrastructure == 'terraform' %} (the S3
# bucket is Terraform's, so no Crossplane provider is needed){% else %} and its
# {% if values.storage == 's3' %}AWS S3{% else %}MinIO{% endif %} provider{% endif %}, {% if values.gitopsEngine == 'argocd' %}Argo CD{% else %}Flux{% endif %}{% if values.canary == 'argo-rollouts' %} and Argo Rollouts{% endif %} from pinned
# manifests, then applies the root GitOps object that reconciles control-plane/.
# Run against the current kubectl context. --dry-run prints every command instead.
set -euo pipefail

CROSSPLANE_CHART_VERSION=2.3.4
{% if values.storage == 's3' and values.infrastructure == 'terraform' %}
{% elif values.storage == 's3' %}
PROVIDER_PACKAGE=xpkg.upbound.io/upbound/provider-aws-s3:v2.6.0
{% else %}
PROVIDER_PACKAGE=xpkg.upbound.io/vshn/provider-minio:v0.4.4
{% endif %}
{% if values.gitopsEngine == 'argocd' %}
ARGOCD_MANIFEST=https://raw.githubusercontent.com/argoproj/argo-cd/v3.5.1/manifests/install.yaml
ROOT_APP=control-plane/gitops/argo-cd-app.yaml
{% else %}
FLUX_MANIFEST=https://github.com/fluxcd/flux2/releases/download/v2.9.4/install.yaml
ROOT_APP=control-plane/gitops/flux-kustomization.yaml
{% endif %}
{% if values.canary == 'argo-rollouts' %}
ARGO_ROLLOUTS_MANIFEST=https://github.com/argoproj/argo-rollouts/releases/download/v1.9.1/install.yaml
{% endif %}

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

# Applies a manifest given on stdin (printed in a dry run).
apply_stdin() {
  if [ "$dry_run" = true ]; then
    printf '+ kubectl apply -f - <<EOF\n'
    cat
    printf 'EOF\n'
  else
    kubectl apply -f -
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
{% if values.storage == 's3' and values.infrastructure != 'terraform' %}
  require aws
{% endif %}
  kubectl cluster-info >/dev/null
fi

echo "== Crossplane $CROSSPLANE_CHART_VERSION"
run helm repo add crossplane-stable https://charts.crossplane.io/stable
run helm repo update crossplane-stable
run helm upgrade --install crossplane crossplane-stable/crossplane \
  --namespace crossplane-system --create-namespace \
  --version "$CROSSPLANE_CHART_VERSION" --wait

{% if values.storage == 's3' and values.infrastructure == 'terraform' %}
echo "== No Crossplane provider: infrastructure/terraform manages s3://${{ values.bucketName }}"
{% elif values.storage == 's3' %}
echo "== Crossplane provider $PROVIDER_PACKAGE"
# The provider's service account assumes the IAM role eksctl created (IRSA).
if [ "$dry_run" = true ]; then
  account_id="\$(aws sts get-caller-identity --query Account --output text)"
else
  account_id=$(aws sts get-caller-identity --query Account --output text)
fi
role_arn="arn:aws:iam::${account_id}:role/${{ values.clusterName }}-${{ values.name }}-crossplane-s3"
apply_stdin <<MANIFEST
apiVersion: pkg.crossplane.io/v1beta1
kind: DeploymentRuntimeConfig
metadata:
  name: provider-aws-s3-irsa
spec:
  serviceAccountTemplate:
    metadata:
      name: provider-aws-s3
      annotations:
        eks.amazonaws.com/role-arn: ${role_arn}
---
apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-aws-s3
spec:
  package: ${PROVIDER_PACKAGE}
  runtimeConfigRef:
    name: provider-aws-s3-irsa
MANIFEST
run kubectl wait provider.pkg.crossplane.io/provider-aws-s3 --for=condition=Healthy --timeout=5m
{% else %}
echo "== Crossplane provider $PROVIDER_PACKAGE"
apply_stdin <<MANIFEST
apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-minio
spec:
  package: ${PROVIDER_PACKAGE}
MANIFEST
run kubectl wait provider.pkg.crossplane.io/provider-minio --for=condition=Healthy --timeout=5m
{% endif %}

{% if values.gitopsEngine == 'argocd' %}
echo "== Argo CD"
ensure_namespace argocd
run kubectl apply -n argocd --server-side --force-conflicts -f "$ARGOCD_MANIFEST"
run kubectl -n argocd rollout status deployment/argocd-repo-server --timeout=5m
run kubectl -n argocd rollout status statefulset/argocd-application-controller --timeout=5m
{% else %}
echo "== Flux"
run kubectl apply -f "$FLUX_MANIFEST"
run kubectl -n flux-system rollout status deployment/source-controller --timeout=5m
run kubectl -n flux-system rollout status deployment/kustomize-controller --timeout=5m
run kubectl -n flux-system rollout status deployment/helm-controller --timeout=5m
{% endif %}
{% if values.canary == 'argo-rollouts' %}

echo "== Argo Rollouts"
ensure_namespace argo-rollouts
run kubectl apply -n argo-rollouts -f "$ARGO_ROLLOUTS_MANIFEST"
run kubectl -n argo-rollouts rollout status deployment/argo-rollouts --timeout=5m
{% endif %}

{% if values.infrastructure != 'terraform' %}
echo "== Cluster layer (cluster-layer/cluster-autoscaler: Cluster Autoscaler, shared by every ML project on this cluster)"
# Installed once per cluster: a second project finds the first one's (its
# ${{ 'Argo CD Application' if values.gitopsEngine == 'argocd' else 'Flux HelmRelease' }} or a running autoscaler) and reuses it.
has_cluster_autoscaler() {
  kubectl -n ${{ 'argocd get application' if values.gitopsEngine == 'argocd' else 'flux-system get helmrelease' }} cluster-autoscaler >/dev/null 2>&1 ||
    [ -n "$(kubectl -n kube-system get deployment -l app.kubernetes.io/name=aws-cluster-autoscaler -o name 2>/dev/null)" ]
}
if [ "$dry_run" = true ] || ! has_cluster_autoscaler; then
  run kubectl apply --server-side -k cluster-layer/cluster-autoscaler
else
  echo "A Cluster Autoscaler exists: reusing it"
fi

{% endif %}
{% if values.mlflowExposure == 'ingress' or values.serving == 'deployment' %}
echo "== Cluster layer (cluster-layer/: Envoy Gateway, shared by every ML project on this cluster)"
# Installed once per cluster: a second project finds GatewayClass envoy-gateway
# and reuses what the first one installed instead of declaring it again.
if [ "$dry_run" = true ] || ! kubectl get gatewayclass envoy-gateway >/dev/null 2>&1; then
  run kubectl apply --server-side -k cluster-layer
{% if values.canary == 'argo-rollouts' %}
  # Argo Rollouts loads its traffic router plugins at start.
  run kubectl -n argo-rollouts rollout restart deployment/argo-rollouts
{% endif %}
else
  echo "GatewayClass envoy-gateway exists: reusing the cluster layer"
fi

{% endif %}
echo "== Root application $ROOT_APP"
run kubectl apply -f "$ROOT_APP"

echo "bootstrap: done. Next: ./scripts/validate-end-to-end.sh"
