#!/usr/bin/env bash
# Bootstraps the cluster for ${{ values.name }}: installs Crossplane{% if values.storage == 's3' and values.infrastructure == 'terraform' %} (the S3
# bucket is Terraform's, so no Crossplane provider is needed){% else %} and its
# {% if values.storage == 's3' %}AWS S3{% else %}MinIO{% endif %} provider{% endif %}, {% if values.gitopsEngine == 'argocd' %}Argo CD{% else %}Flux{% endif %}{% if values.canary == 'argo-rollouts' %} and Argo Rollouts{% endif %} from pinned
# manifests, then applies the root GitOps object that reconciles control-plane/.
# Run against the current kubectl context. --dry-run prints every command instead.
set -euo pipefail

CROSSPLANE_CHART_VERSION=2.3.4
{% if values.storage == 's3' and values.infrastructure != 'terraform' %}
# The Crossplane AWS provider's IAM role (EKS Pod Identity); its package is
# pinned in cluster-layer/crossplane/provider-aws-s3.yaml.
CROSSPLANE_ROLE=${{ values.clusterName }}-crossplane-provider-aws-s3
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

{% if values.storage == 's3' and values.infrastructure == 'terraform' %}
echo "== No Crossplane provider: infrastructure/terraform manages s3://${{ values.bucketName }}"
{% else %}
echo "== Cluster layer (cluster-layer/crossplane: the Crossplane ${{ 'AWS S3' if values.storage == 's3' else 'MinIO' }} provider, shared by every ML project on this cluster)"
if [ "$dry_run" = true ] || ! kubectl get provider.pkg.crossplane.io ${{ 'provider-aws-s3' if values.storage == 's3' else 'provider-minio' }} >/dev/null 2>&1; then
  run kubectl apply --server-side -k cluster-layer/crossplane
else
  echo "Provider ${{ 'provider-aws-s3' if values.storage == 's3' else 'provider-minio' }} exists: reusing it"
fi
run kubectl wait provider.pkg.crossplane.io/${{ 'provider-aws-s3' if values.storage == 's3' else 'provider-minio' }} --for=condition=Healthy --timeout=5m
{% if values.storage == 's3' %}
# This project's share of the provider's IAM role (EKS Pod Identity,
# control-plane/cluster/eks-cluster.yaml): one inline policy per project,
# allowing its bucket only (bucket-level actions; Crossplane never reads objects).
run aws iam put-role-policy --role-name "$CROSSPLANE_ROLE" --policy-name ${{ values.name }}-bucket \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${{ values.bucketName }}"}]}'
{% endif %}
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
