import {
  DerivedTextField,
  ProjectNameField,
  projectNameValidation,
  RepoLocationField,
  repoLocationValidation,
} from './fields';

/**
 * The scaffolder form fields of the ML project templates, by the name
 * templates give in `ui:field`; both frontend systems register these.
 */
export const mlopsFieldOptions = {
  /** The project name, refused when the catalog has a project of that name. */
  projectName: {
    name: 'MlProjectName',
    component: ProjectNameField,
    validation: projectNameValidation,
  },
  /** Text prefilled from earlier fields (`ui:options.defaultFrom`). */
  derivedText: {
    name: 'MlopsDerivedText',
    component: DerivedTextField,
  },
  /** A repository location in RepoUrlPicker's format, committed on every keystroke. */
  repoLocation: {
    name: 'MlopsRepoLocation',
    component: RepoLocationField,
    validation: repoLocationValidation,
  },
};
