import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { mockContext } from '../__testUtils__/mockContext';
import { createReproducibilityAddChecksAction } from './reproducibilityAddChecks';
import { examples } from './reproducibilityAddChecks.examples';

describe('mlops:reproducibility:add-checks examples', () => {
  const action = createReproducibilityAddChecksAction();
  const workspace = createMockDirectory();

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      workspace.clear();
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe(action.id);
      const { ctx } = mockContext(action, step.input);
      const run = { ...ctx, workspacePath: workspace.path };
      await action.handler(run);
      const script = path.join(
        step.input.targetPath ?? '.',
        'control-plane/ci-cd/checks/reproducibility.py',
      );
      expect(fs.existsSync(path.join(workspace.path, script))).toBe(true);
      expect(ctx.output).toHaveBeenCalledWith(
        'files',
        expect.arrayContaining([
          path.normalize(script).split(path.sep).join('/'),
        ]),
      );
    },
  );
});
