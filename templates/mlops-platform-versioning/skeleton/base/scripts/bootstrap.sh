#!/usr/bin/env bash
# Bootstraps the cluster for ${{ values.name }}: installs Crossplane{% if values.storage == 's3' and values.infrastructure == 'terraform' %} (the S3
# bucket is Terraform's, so no Crossplane provider is needed){% else %} and its
# {% if values.storage == 's3' %}AWS S3{% else %}MinIO{% endif %} provider{% endif %}, {% if values.gitopsEngine == 'argocd' %}Argo CD{% else %}Flux{% endif %}{% if values.canary == 'argo-rollouts' %} and Argo Rollouts{% endif %} from pinned
# manifests, the parts of the cluster layer (cluster-layer/) the cluster does not have yet,
# then applies the root GitOps object that reconciles control-plane/.
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

# The cluster layer (cluster-layer/): the parts every ML project on this cluster
# shares, each installed once per cluster. A part is applied only when the
# cluster does not have it yet (its marker: a CRD, a GatewayClass, a running
# Deployment or DaemonSet), so a second project detects and reuses the first
# one's instead of declaring it again; then the bootstrap waits for its ${{ 'Argo CD Application' if values.gitopsEngine == 'argocd' else 'Flux HelmRelease' }}
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
{% set release = 'application' if values.gitopsEngine == 'argocd' else 'helmrelease' %}

{% if values.infrastructure != 'terraform' %}
cluster_part cluster-autoscaler ${{ release }}/cluster-autoscaler deployment -n kube-system -l app.kubernetes.io/name=aws-cluster-autoscaler
{% endif %}
{% if values.observability %}
# First: the Envoy proxies' PodMonitor (cluster-layer/) needs its CRD.
cluster_part kube-prometheus-stack ${{ release }}/kube-prometheus-stack crd prometheuses.monitoring.coreos.com
{% endif %}
{% if values.mlflowExposure == 'ingress' or values.serving == 'deployment' %}
# The root of cluster-layer/: Envoy Gateway and its GatewayClass.
echo "== Cluster layer: cluster-layer/ (Envoy Gateway)"
if [ "$dry_run" = true ] || ! exists gatewayclass envoy-gateway; then
  run kubectl apply --server-side -k cluster-layer
  run kubectl -n ${{ 'argocd' if values.gitopsEngine == 'argocd' else 'flux-system' }} wait ${{ release }}/envoy-gateway ${{ "--for=jsonpath='{.status.health.status}'=Healthy" if values.gitopsEngine == 'argocd' else '--for=condition=Ready' }} --timeout=15m
else
  echo "GatewayClass envoy-gateway exists: reusing the cluster layer"
fi
{% if values.observability %}
cluster_part envoy-proxy-monitor - podmonitor -n envoy-gateway-system envoy-proxies
{% endif %}
{% if values.canary == 'argo-rollouts' %}
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
{% endif %}
{% endif %}
{% if values.mlflowExposure == 'ingress' or values.serving != 'ray-serve' %}
cluster_part cert-manager ${{ release }}/cert-manager crd certificates.cert-manager.io
cluster_part cert-manager-issuers - clusterissuer mlops-internal-ca
{% endif %}
{% if values.gpuEnabled %}
cluster_part nvidia-device-plugin ${{ release }}/nvidia-device-plugin daemonset -A -l app.kubernetes.io/name=nvidia-device-plugin
{% if values.observability %}
cluster_part dcgm-exporter ${{ release }}/dcgm-exporter daemonset -A -l app.kubernetes.io/name=dcgm-exporter
{% endif %}
{% endif %}
{% if values.canary == 'flagger' %}
cluster_part flagger ${{ release }}/flagger crd canaries.flagger.app
{% endif %}
{% if values.streaming %}
cluster_part strimzi-kafka-operator ${{ release }}/strimzi-kafka-operator crd kafkas.kafka.strimzi.io
{% endif %}
{% if values.storage == 'minio' and values.minioDeploy %}
cluster_part minio-operator ${{ release }}/minio-operator crd tenants.minio.min.io
cluster_part minio-tenant - tenant.minio.min.io -n minio minio
{% endif %}
{% if values.sparkOperator %}
cluster_part spark-operator ${{ release }}/spark-operator crd sparkapplications.sparkoperator.k8s.io
{% endif %}
{% if values.flinkOperator %}
cluster_part flink-kubernetes-operator ${{ release }}/flink-kubernetes-operator crd flinkdeployments.flink.apache.org
{% endif %}
{% if values.serving == 'ray-serve' or values.rayTraining %}
cluster_part kuberay-operator ${{ release }}/kuberay-operator crd rayclusters.ray.io
{% endif %}
{% if values.serving == 'kserve' %}
cluster_part kserve ${{ release }}/kserve-runtime-configs crd inferenceservices.serving.kserve.io
{% endif %}
{% if values.orchestration == 'kubeflow' %}
cluster_part kubeflow-pipelines ${{ 'application' if values.gitopsEngine == 'argocd' else 'kustomization' }}/kubeflow-pipelines deployment -n kubeflow ml-pipeline
{% endif %}

echo "== Root application $ROOT_APP"
run kubectl apply -f "$ROOT_APP"

echo "bootstrap: done. Next: ./scripts/validate-end-to-end.sh"
