#!/usr/bin/env bash
# Builds every kustomization under control-plane/ and validates the objects
# with kubeconform (Kubernetes schemas plus the community CRD catalog for
# Crossplane, Argo and Flux kinds). Without kubeconform it still builds.
set -euo pipefail

cd "$(dirname "$0")/../../.."

crd_catalog='https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'
status=0

while IFS= read -r kustomization; do
  dir=$(dirname "$kustomization")
  echo "== kubectl kustomize $dir"
  if ! rendered=$(kubectl kustomize "$dir"); then
    status=1
    continue
  fi
  if command -v kubeconform >/dev/null 2>&1; then
    if ! printf '%s\n' "$rendered" | kubeconform -strict -summary \
      -schema-location default -schema-location "$crd_catalog" -; then
      status=1
    fi
  fi
done < <(find control-plane -name kustomization.yaml | sort)

# eksctl input is not a Kubernetes object; check that it at least parses.
python -c 'import sys, yaml; [list(yaml.safe_load_all(open(f))) for f in sys.argv[1:]]' control-plane/cluster/eks-cluster.yaml control-plane/cluster/nodegroup.yaml

exit "$status"
