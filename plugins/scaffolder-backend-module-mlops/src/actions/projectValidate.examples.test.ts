import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createProjectValidateAction } from './projectValidate';
import { examples } from './projectValidate.examples';

describe('mlops:project:validate examples', () => {
  const action = createProjectValidateAction();

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({ input: step.input });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'values',
        expect.objectContaining({ name: step.input.name }),
      );
    },
  );
});
