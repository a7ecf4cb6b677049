import { defineRule } from '../model';

import type { Json } from '../model';

/** Argo CD Applications use the project's own AppProject (one the repository creates), never `default`. */
export const argoProjectsRule = defineRule(
  'argocd-app-project',
  'Argo CD Applications use an AppProject of the repository, not default',
  (model, report) => {
    // Every rule opens alike: that is defineRule's signature (../model.ts), not a copy.
    const objects = model.objects as Json[];
    const projects = new Set(
      objects.filter(o => o.kind === 'AppProject').map(o => o.metadata.name),
    );
    objects
      .filter(
        o =>
          o.kind === 'Application' && o.apiVersion?.startsWith('argoproj.io/'),
      )
      .filter(
        o => o.spec?.project === 'default' || !projects.has(o.spec?.project),
      )
      .forEach(o =>
        report(
          `Application ${o.metadata.namespace}/${o.metadata.name}`,
          `uses AppProject "${o.spec?.project}", which is default or not created by the repository`,
        ),
      );
  },
);
