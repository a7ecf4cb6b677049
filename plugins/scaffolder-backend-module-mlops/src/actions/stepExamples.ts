import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * An action's examples, each a template with one step of that action: the
 * step's id, action and name are shared, each example brings its input.
 */
export function stepExamples(
  step: { id: string; action: string; name: string },
  examples: Array<{ description: string; input: object }>,
): TemplateExample[] {
  return examples.map(({ description, input }) => ({
    description,
    example: yaml.stringify({ steps: [{ ...step, input }] }),
  }));
}
