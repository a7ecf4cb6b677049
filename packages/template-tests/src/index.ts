/**
 * Test harness for the portal's Software Templates: renders a template through
 * the real scaffolder dry run and validates the generated files with the
 * official schemas and tools.
 *
 * @packageDocumentation
 */

export { loadTemplate, templatesRoot } from './scaffolder/loadTemplate';
export type { LoadedTemplate } from './scaffolder/loadTemplate';
export {
  expectFailure,
  expectRendered,
  startDryRunServer,
} from './scaffolder/dryRunServer';
export type {
  DryRunFailure,
  DryRunResult,
  DryRunServer,
} from './scaffolder/dryRunServer';
export { writeRendered } from './scaffolder/writeRendered';
export {
  validateDvcYaml,
  validateEksctlConfig,
  validateGithubWorkflow,
} from './validators/jsonSchemas';
export { validateKubernetesObjects } from './validators/kubernetesObjects';
export type {
  KubernetesObject,
  ObjectValidation,
} from './validators/kubernetesObjects';
export { python, runTool } from './validators/systemTools';
