import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { mlopsPlugin } from '../plugin';
import { mlopsFieldOptions } from './fieldOptions';

/**
 * The ML project name field (`ui:field: MlProjectName`) for apps on the
 * legacy frontend system: put it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const MlProjectNameFieldExtension = mlopsPlugin.provide(
  createScaffolderFieldExtension(mlopsFieldOptions.projectName),
);

/**
 * A text field prefilled from earlier fields (`ui:field: MlopsDerivedText`),
 * for apps on the legacy frontend system.
 *
 * @public
 */
export const MlopsDerivedTextFieldExtension = mlopsPlugin.provide(
  createScaffolderFieldExtension(mlopsFieldOptions.derivedText),
);

/**
 * The repository location field (`ui:field: MlopsRepoLocation`), for apps on
 * the legacy frontend system.
 *
 * @public
 */
export const MlopsRepoLocationFieldExtension = mlopsPlugin.provide(
  createScaffolderFieldExtension(mlopsFieldOptions.repoLocation),
);
