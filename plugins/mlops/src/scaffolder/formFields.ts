import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { mlopsFieldOptions } from './fieldOptions';

// The new frontend system's form fields (FormFieldBlueprint loaders import these).
export const projectNameFormField = createFormField(
  mlopsFieldOptions.projectName,
);
export const derivedTextFormField = createFormField(
  mlopsFieldOptions.derivedText,
);
export const repoLocationFormField = createFormField(
  mlopsFieldOptions.repoLocation,
);
