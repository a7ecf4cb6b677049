export type {
  MlProjectCanary,
  MlProjectFieldError,
  MlProjectGitopsEngine,
  MlProjectInfrastructure,
  MlProjectInput,
  MlProjectMlflowExposure,
  MlProjectServing,
  MlProjectStorage,
  MlProjectValidationResult,
  MlProjectValues,
} from './types';
export {
  AWS_REGIONS,
  GPU_INSTANCE_TYPES,
  GPU_NODE_GROUP_MAX_SIZE,
} from './awsCatalog';
export type { GpuInstanceType } from './awsCatalog';
export {
  checkDns1123Label,
  checkDns1123Subdomain,
  checkEntityRef,
  checkS3BucketName,
} from './names';
export {
  ML_PROJECT_OPTIONS,
  formatMlProjectErrors,
  validateMlProject,
} from './validateMlProject';
export {
  ML_PROJECT_RULES,
  ML_PROJECT_RULE_DEFAULTS,
  brokenMlProjectRules,
  mlProjectRuleNotes,
} from './rules';
export type {
  BrokenMlProjectRule,
  MlProjectRule,
  MlProjectRuleCondition,
  MlProjectRuleFacts,
  MlProjectRuleField,
  MlProjectRuleValue,
} from './rules';
export { ML_PROJECT_EXAMPLE } from './example';
export {
  ML_PROJECT_CHOICE_DEFAULTS,
  ML_PROJECT_PARTS,
  mlProjectConditionHolds,
  mlProjectParts,
} from './parts';
export type { MlProjectCondition } from './parts';
