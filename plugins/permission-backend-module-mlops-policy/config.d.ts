export interface Config {
  mlops?: {
    /**
     * The portal's production permission policy
     * (`@mlops-portal/plugin-permission-backend-module-mlops-policy`).
     * Group references are entity refs (`group:default/platform-team`; a bare
     * name means a group in the default namespace).
     */
    permissionPolicy?: {
      /**
       * The platform group: reads GPU cost and canary details of every
       * entity, besides each entity's owners.
       */
      platformGroup: string;
      /**
       * The groups whose members may run software templates (scaffolder
       * tasks, dry runs and actions). Empty: nobody runs templates.
       */
      templateExecutionGroups: string[];
    };
  };
}
