import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import mlopsModule from '@mlops-portal/plugin-scaffolder-backend-module-mlops';
import request from 'supertest';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { LoadedTemplate } from './loadTemplate';

/** What the scaffolder's `POST /v2/dry-run` answers for a successful run. */
export interface DryRunResult {
  /** Rendered repository: POSIX path to file content. */
  files: Map<string, Buffer>;
  /** Executable bit per path, as the dry run reports it. */
  executable: Map<string, boolean>;
  output: JsonObject;
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  steps: Array<{ id: string; name: string; action: string }>;
}

/** A failed dry run: the HTTP status and the body the scaffolder sent. */
export interface DryRunFailure {
  status: number;
  body: JsonValue;
}

export interface DryRunServer {
  dryRun(
    template: LoadedTemplate,
    values: JsonObject,
  ): Promise<DryRunResult | DryRunFailure>;
  stop(): Promise<void>;
}

/**
 * Starts the real scaffolder backend (with the GitHub, GitLab and MLOps action
 * modules the portal installs) in a test backend, so templates render through
 * exactly the code path of the template editor's dry run. `integrations`
 * adds the portal's SCM integrations (the pull-request actions' dry runs need
 * a token for their host).
 */
export async function startDryRunServer(
  options: { integrations?: JsonObject } = {},
): Promise<DryRunServer> {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      gitlabModule,
      mlopsModule,
      catalogServiceMock.factory(),
      // The portal's production config names its MLflow instances and the
      // platform repository; the opt-in actions read them (their dry runs
      // call neither).
      mockServices.rootConfig.factory({
        data: {
          ...(options.integrations && { integrations: options.integrations }),
          mlops: {
            platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
            mlflow: {
              defaultInstance: 'default',
              instances: [
                {
                  name: 'default',
                  baseUrl: 'http://mlflow.mlops.svc.cluster.local:5000',
                  uiUrl: 'https://mlflow.example.com',
                },
              ],
            },
          },
        },
      }),
    ],
  });

  return {
    async dryRun(template, values) {
      const response = await request(backend.server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({
          template: template.entity,
          values,
          secrets: {},
          directoryContents: template.files.map(file => ({
            path: file.path,
            base64Content: file.content.toString('base64'),
          })),
        });
      if (response.status !== 200) {
        return { status: response.status, body: response.body };
      }
      const body = response.body as {
        directoryContents: Array<{
          path: string;
          base64Content: string;
          executable?: boolean;
        }>;
        output: JsonObject;
        log: DryRunResult['log'];
        steps: DryRunResult['steps'];
      };
      const files = new Map<string, Buffer>();
      const executable = new Map<string, boolean>();
      for (const file of body.directoryContents) {
        files.set(file.path, Buffer.from(file.base64Content, 'base64'));
        executable.set(file.path, Boolean(file.executable));
      }
      return {
        files,
        executable,
        output: body.output,
        log: body.log,
        steps: body.steps,
      };
    },
    stop: () => backend.stop(),
  };
}

/** Narrows a dry-run answer to success, failing with the scaffolder's own message otherwise. */
export function expectRendered(
  result: DryRunResult | DryRunFailure,
): DryRunResult {
  if ('status' in result) {
    throw new Error(
      `dry run failed with HTTP ${result.status}: ${JSON.stringify(
        result.body,
        null,
        2,
      )}`,
    );
  }
  return result;
}

/** Narrows a dry-run answer to a failure, failing the test when it rendered. */
export function expectFailure(
  result: DryRunResult | DryRunFailure,
): DryRunFailure {
  if (!('status' in result)) {
    throw new Error('dry run rendered, but it should have been refused');
  }
  return result;
}
