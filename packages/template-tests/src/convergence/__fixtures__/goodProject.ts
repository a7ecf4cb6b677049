import { parseAllDocuments } from 'yaml';
import { KubernetesObject } from '../../validators/kubernetesObjects';
import { ClusterModel, parseCreatedByHand } from '../model';

/**
 * A small render that passes every rule: the shape the template generates
 * (MLflow with its claim, the model server behind an Envoy Gateway HTTPRoute
 * on an HTTPS listener with a cert-manager certificate,
 * an Argo Rollouts analysis, the served-model ConfigMap). Each rule's test
 * breaks one thing of it.
 */
const objects = `
apiVersion: v1
kind: Namespace
metadata:
  name: demo
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: mlflow, namespace: demo }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: mlflow-db, namespace: demo }
spec:
  storageClassName: ebs-csi-default-sc
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 10Gi } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: mlflow, namespace: demo }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: mlflow } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: mlflow }
    spec:
      serviceAccountName: mlflow
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: mlflow
          image: ghcr.io/acme/demo/mlflow:3.7.0-1
          command: [mlflow, server, --port=5000]
          ports: [{ name: http, containerPort: 5000 }]
          envFrom: [{ secretRef: { name: mlflow-admin } }]
          readinessProbe: { httpGet: { path: /health, port: http } }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
          volumeMounts: [{ name: db, mountPath: /mlflow/db }]
      volumes:
        - name: db
          persistentVolumeClaim: { claimName: mlflow-db }
---
apiVersion: v1
kind: Service
metadata: { name: mlflow, namespace: demo }
spec:
  selector: { app.kubernetes.io/name: mlflow }
  ports: [{ name: http, port: 5000, targetPort: http }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: served-model-7h2k9, namespace: demo }
data: { MODEL_NAME: demo, MODEL_VERSION: "3" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: demo-serving, namespace: demo }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: demo-serving } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: demo-serving }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: model
          image: ghcr.io/acme/demo/serving@sha256:${'a'.repeat(64)}
          command: [mlflow, models, serve, "--model-uri=models:/$(MODEL_NAME)/$(MODEL_VERSION)"]
          envFrom: [{ configMapRef: { name: served-model-7h2k9 } }]
          ports: [{ name: http, containerPort: 8080 }]
          livenessProbe: { httpGet: { path: /ping, port: 8080 } }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
---
apiVersion: v1
kind: Service
metadata: { name: demo-serving, namespace: demo }
spec:
  selector: { app.kubernetes.io/name: demo-serving }
  ports: [{ name: http, port: 8080, targetPort: http }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: demo }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: { name: demo, namespace: argocd }
spec: {}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: demo-envoy-gateway, namespace: argocd }
spec:
  project: demo
  source: { repoURL: docker.io/envoyproxy, chart: gateway-helm, targetRevision: v1.6.3, helm: { releaseName: eg } }
  destination: { server: https://kubernetes.default.svc, namespace: envoy-gateway-system }
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: envoy }
spec: { controllerName: gateway.envoyproxy.io/gatewayclass-controller }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: demo, namespace: demo }
spec:
  gatewayClassName: envoy
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls: { mode: Terminate, certificateRefs: [{ name: demo-tls }] }
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: demo-cert-manager, namespace: argocd }
spec:
  project: demo
  source: { repoURL: https://charts.jetstack.io, chart: cert-manager, targetRevision: v1.21.1, helm: { releaseName: cert-manager } }
  destination: { server: https://kubernetes.default.svc, namespace: cert-manager }
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: { name: demo-ca }
spec: { ca: { secretName: demo-ca } }
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: demo-tls, namespace: demo }
spec:
  secretName: demo-tls
  dnsNames: [demo.example.com]
  issuerRef: { kind: ClusterIssuer, name: demo-ca }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: demo-serving, namespace: demo }
spec:
  parentRefs: [{ name: demo, sectionName: https }]
  rules:
    - backendRefs: [{ name: demo-serving, port: 8080 }]
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: { name: envoy-proxies, namespace: demo }
spec:
  namespaceSelector: { matchNames: [envoy-gateway-system] }
  selector:
    matchLabels:
      app.kubernetes.io/component: proxy
      app.kubernetes.io/managed-by: envoy-gateway
  podMetricsEndpoints: [{ port: metrics, path: /stats/prometheus }]
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: { name: demo-health, namespace: demo }
spec:
  metrics:
    - name: success-rate
      successCondition: len(result) > 0 && !isNaN(result[0]) && result[0] >= 0.99
      failureCondition: len(result) > 0 && !isNaN(result[0]) && result[0] < 0.99
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: |
            sum(rate(envoy_cluster_upstream_rq_xx{envoy_cluster_name="httproute/demo/demo-serving/rule/0",envoy_response_code_class!="5"}[2m]))
            /
            sum(rate(envoy_cluster_upstream_rq_xx{envoy_cluster_name="httproute/demo/demo-serving/rule/0"}[2m]))
`;

const files: Record<string, string> = {
  'control-plane/cluster/eks-cluster.yaml': `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: { name: ml-platform, region: eu-west-1 }
addons:
  - name: aws-ebs-csi-driver
    configurationValues: '{"defaultStorageClass":{"enabled":true}}'
`,
  'control-plane/serving/served-model.env':
    'MODEL_NAME=demo\nMODEL_VERSION=3\n',
  'docs/created-by-hand.md': `# Created by hand

| Kind | Namespace | Name | How |
| --- | --- | --- | --- |
| Secret | demo | mlflow-admin | \`kubectl -n demo create secret generic mlflow-admin ...\` |
`,
  '.github/workflows/ci.yml': `on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v5
      - uses: docker/build-push-action@${'b'.repeat(40)} # v6
`,
};

/** A fresh copy of the passing render, as a model. */
export function goodProject(): ClusterModel {
  const parsed = parseAllDocuments(objects).map(
    d => d.toJS() as KubernetesObject,
  );
  return {
    project: 'demo',
    objects: parsed,
    files: new Map(Object.entries(files)),
    createdByHand: parseCreatedByHand(files['docs/created-by-hand.md']),
  };
}
