import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** MLflow server versions whose answers are recorded (`recordings/mlflow-<version>/`). @public */
export type MlflowRecordedVersion = '2.9' | '3.11';

const root = () =>
  resolvePackagePath(
    '@mlops-portal/plugin-mlops-node',
    'src/testUtils/recordings',
  );

/**
 * The body of a recorded MLflow answer, as the server sent it (see the
 * README of `recordings/mlflow-<version>/` for the request of each file).
 *
 * @public
 */
export function mlflowRecordingText(
  version: MlflowRecordedVersion,
  file: string,
): string {
  if (!/^[\w.-]+$/.test(file)) throw new Error(`not a recording name: ${file}`);
  return readFileSync(join(root(), `mlflow-${version}`, file), 'utf8');
}

/** A recorded MLflow JSON answer, parsed. @public */
export function mlflowRecording<T = unknown>(
  version: MlflowRecordedVersion,
  file: string,
): T {
  return JSON.parse(mlflowRecordingText(version, file));
}

/** A CustomResourceDefinition as far as schema validation reads it. @public */
export interface CrdSchema {
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{
      name: string;
      schema: { openAPIV3Schema: Record<string, unknown> };
    }>;
  };
}

const readCrds = (file: string): CrdSchema[] =>
  JSON.parse(
    readFileSync(
      resolvePackagePath(
        '@mlops-portal/plugin-mlops-node',
        `src/testUtils/schemas/${file}`,
      ),
      'utf8',
    ),
  );

/** The Flagger CRDs (`schemas/flagger-crds.json`, fluxcd/flagger v1.44.0) as a JSON array. @public */
export function flaggerCrds(): CrdSchema[] {
  return readCrds('flagger-crds.json');
}

/**
 * The KServe `InferenceService` (kserve v0.20.0) and KubeRay `RayService`
 * (kuberay v1.7.0) CRDs (`schemas/serving-crds.json`) as a JSON array.
 * @public
 */
export function servingCrds(): CrdSchema[] {
  return readCrds('serving-crds.json');
}
