import { createProjectValidateAction } from './projectValidate';

export { createProjectValidateAction } from './projectValidate';

/** Any action this module contributes. @public */
export type MlopsTemplateAction = ReturnType<
  typeof createProjectValidateAction
>;

/** Every action this module contributes, in the order the docs list them. */
export function createMlopsActions(): MlopsTemplateAction[] {
  return [createProjectValidateAction()];
}
