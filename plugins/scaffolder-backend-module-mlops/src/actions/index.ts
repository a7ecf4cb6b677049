import { TemplateAction } from '@backstage/plugin-scaffolder-node';

/** Every action this module contributes, in the order the docs list them. */
export function createMlopsActions(): TemplateAction<any, any, any>[] {
  return [];
}
