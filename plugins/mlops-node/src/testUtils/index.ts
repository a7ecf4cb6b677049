/**
 * One fake per upstream the MLOps plugins call (MLflow, the Kubernetes API,
 * Prometheus, GitHub) and the recorded answers they serve, for the tests of
 * every package, the benchmark and the replica test.
 *
 * @packageDocumentation
 */

export * from './mlflow/recordings';
export * from './mlflow/fakeMlflow';
export * from './kubernetes/fakeKubernetes';
export * from './kubernetes/labelSelector';
export * from './kubernetes/gpuNodes';
export * from './prometheus/fakePrometheus';
export * from './github/fakeGithub';
export { listenOnLoopback } from './http/fakeServer';
export type { FakeUpstreamHandler, ListeningFake } from './http/fakeServer';
