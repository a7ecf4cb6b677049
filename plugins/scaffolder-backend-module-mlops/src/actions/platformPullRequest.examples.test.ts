import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { fakeGithub } from '@mlops-portal/plugin-mlops-node/testUtils';
import { mockContext } from '../__testUtils__/mockContext';
import { createPlatformPullRequestAction } from './platformPullRequest';
import { examples } from './platformPullRequest.examples';

const server = setupServer();
registerMswTestHooks(server);

describe('mlops:platform:pull-request examples', () => {
  const action = createPlatformPullRequestAction({
    config: new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'ghp_example' }] },
      mlops: {
        platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
      },
    }),
  });

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe(action.id);
      const github = fakeGithub(server, {
        owner: 'acme',
        repo: 'platform-gitops',
        token: 'ghp_example',
        files: { 'projects/kustomization.yaml': 'resources: []\n' },
      });
      const { ctx } = mockContext(action, step.input);
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
      expect(
        github.filesOf(`mlops/register-${step.input.projectName}`)![
          'projects/kustomization.yaml'
        ],
      ).toContain(step.input.projectName);
    },
  );
});
