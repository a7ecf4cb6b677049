import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  DerivedTextField,
  ProjectNameField,
  projectNameValidation,
  RepoLocationField,
  repoLocationValidation,
} from './fields';

/** The names templates use in `ui:field`. @public */
export const MLOPS_FIELD_NAMES = {
  projectName: 'MlProjectName',
  derivedText: 'MlopsDerivedText',
  repoLocation: 'MlopsRepoLocation',
} as const;

export const projectNameFormField = createFormField({
  name: MLOPS_FIELD_NAMES.projectName,
  component: ProjectNameField,
  validation: projectNameValidation,
});

export const derivedTextFormField = createFormField({
  name: MLOPS_FIELD_NAMES.derivedText,
  component: DerivedTextField,
});

export const repoLocationFormField = createFormField({
  name: MLOPS_FIELD_NAMES.repoLocation,
  component: RepoLocationField,
  validation: repoLocationValidation,
});
