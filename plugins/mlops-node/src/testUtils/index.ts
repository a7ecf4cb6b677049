/**
 * One fake per upstream the MLOps plugins call (MLflow, the Kubernetes API,
 * Prometheus, GitHub) and the recorded answers they serve, for the tests of
 * every package, the benchmark and the replica test.
 *
 * @packageDocumentation
 */

export {
  flaggerCrds,
  mlflowRecording,
  mlflowRecordingText,
  servingCrds,
} from './mlflow/recordings';
export type { CrdSchema, MlflowRecordedVersion } from './mlflow/recordings';
export {
  FAKE_MLFLOW_URL,
  RECORDED_MLFLOW_RUN_ID,
  createFakeMlflow,
  recordedMlflowDataset,
  recordedMlflowWorkspaces,
} from './mlflow/fakeMlflow';
export type {
  FakeMlflow,
  FakeMlflowCall,
  FakeMlflowDataset,
  FakeMlflowOptions,
} from './mlflow/fakeMlflow';
export { createFakeKubernetes } from './kubernetes/fakeKubernetes';
export type {
  FakeCluster,
  FakeKubernetes,
  FakeKubernetesList,
  FakeKubernetesOptions,
} from './kubernetes/fakeKubernetes';
export { matchesLabelSelector } from './kubernetes/labelSelector';
export { gpuNodeFixtures } from './kubernetes/gpuNodes';
export type { GpuNodeFixture } from './kubernetes/gpuNodes';
export { createFakePrometheus } from './prometheus/fakePrometheus';
export type {
  FakePrometheus,
  FakePrometheusAnswer,
} from './prometheus/fakePrometheus';
export { fakeGithub } from './github/fakeGithub';
export type { FakeCheckRun, FakePull } from './github/fakeGithub';
export { listenOnLoopback, listenResetting } from './http/fakeServer';
export type {
  FakeUpstreamHandler,
  ListeningFake,
  ResettingServer,
} from './http/fakeServer';
