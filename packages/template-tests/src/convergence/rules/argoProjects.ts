import { ConvergenceRule } from '../model';

type Json = Record<string, any>;

/** Argo CD Applications use the project's own AppProject (one the repository creates), never `default`. */
export const argoProjectsRule: ConvergenceRule = {
  id: 'argocd-app-project',
  description:
    'Argo CD Applications use an AppProject of the repository, not default',
  check(model) {
    const objects = model.objects as Json[];
    const projects = new Set(
      objects.filter(o => o.kind === 'AppProject').map(o => o.metadata.name),
    );
    return objects
      .filter(
        o =>
          o.kind === 'Application' && o.apiVersion?.startsWith('argoproj.io/'),
      )
      .filter(
        o => o.spec?.project === 'default' || !projects.has(o.spec?.project),
      )
      .map(o => ({
        rule: this.id,
        subject: `Application ${o.metadata.namespace}/${o.metadata.name}`,
        message: `uses AppProject "${o.spec?.project}", which is default or not created by the repository`,
      }));
  },
};
