import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The form fields of the ML project templates, for the scaffolder: the
 * project name (refused when the catalog has that project), text prefilled
 * from the project name, and a repository location. Add it to the app's
 * features beside the scaffolder plugin.
 *
 * @alpha
 */
export const mlopsScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    FormFieldBlueprint.make({
      name: 'ml-project-name',
      params: {
        field: () =>
          import('../scaffolder/formFields').then(m => m.projectNameFormField),
      },
    }),
    FormFieldBlueprint.make({
      name: 'mlops-derived-text',
      params: {
        field: () =>
          import('../scaffolder/formFields').then(m => m.derivedTextFormField),
      },
    }),
    FormFieldBlueprint.make({
      name: 'mlops-repo-location',
      params: {
        field: () =>
          import('../scaffolder/formFields').then(m => m.repoLocationFormField),
      },
    }),
  ],
});
