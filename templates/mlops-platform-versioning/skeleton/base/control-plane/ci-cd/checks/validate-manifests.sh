#!/usr/bin/env bash
# Builds every kustomization under control-plane/ and validates the objects
# with kubeconform (Kubernetes schemas plus the community CRD catalog for
# Crossplane, Argo and Flux kinds). Without kubeconform it still builds.
set -euo pipefail

cd "$(dirname "$0")/../../.."

crd_catalog='https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'
status=0
{% if values.serving == 'ray-serve' or values.rayTraining %}
# The community catalog has no KubeRay (ray.io) schemas: kubeconform skips the
# Ray kinds, which `kubectl apply --dry-run=server` checks against the CRDs.
{% endif %}

while IFS= read -r kustomization; do
  dir=$(dirname "$kustomization")
  echo "== kubectl kustomize $dir"
  if ! rendered=$(kubectl kustomize "$dir"); then
    status=1
    continue
  fi
  if command -v kubeconform >/dev/null 2>&1; then
    if ! printf '%s\n' "$rendered" | kubeconform -strict -summary{% if values.serving == 'ray-serve' or values.rayTraining %} -skip RayCluster,RayJob,RayService{% endif %} \
      -schema-location default -schema-location "$crd_catalog" -; then
      status=1
    fi
  fi
done < <(find control-plane -name kustomization.yaml | sort)

{% if values.infrastructure == 'terraform' %}
# The Terraform root module: formatting, then syntax and references (`init`
# without a backend only downloads the pinned providers and modules).
if command -v terraform >/dev/null 2>&1; then
  terraform fmt -check -recursive infrastructure/terraform || status=1
  if terraform -chdir=infrastructure/terraform init -backend=false -input=false >/dev/null; then
    terraform -chdir=infrastructure/terraform validate || status=1
  else
    status=1
  fi
fi
{% else %}
# eksctl input is not a Kubernetes object; check that it at least parses.
python -c 'import sys, yaml; [list(yaml.safe_load_all(open(f))) for f in sys.argv[1:]]' control-plane/cluster/eks-cluster.yaml control-plane/cluster/nodegroup.yaml
{% endif %}

exit "$status"
