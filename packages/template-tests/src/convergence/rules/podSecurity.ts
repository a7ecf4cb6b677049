import { ConvergenceRule, describe, Violation } from '../model';
import { containersOf, podTemplates } from '../podTemplates';
import { ownNamespaces } from './collisions';

type Json = Record<string, any>;

/**
 * Every container of the repository's pod templates runs as non-root, with
 * privilege escalation off, every capability dropped and the RuntimeDefault
 * seccomp profile (the Pod Security "restricted" profile, which the
 * namespaces enforce).
 */
export const podSecurityRule: ConvergenceRule = {
  id: 'pod-security',
  description:
    'containers are non-root, drop ALL capabilities, RuntimeDefault seccomp',
  check(model) {
    const violations: Violation[] = [];
    for (const template of podTemplates(model.objects)) {
      const pod: Json = template.spec.securityContext ?? {};
      for (const container of containersOf(template.spec)) {
        const sc: Json = container.securityContext ?? {};
        const problems: string[] = [];
        if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true)
          problems.push('runAsNonRoot is not true');
        if (sc.allowPrivilegeEscalation !== false)
          problems.push('allowPrivilegeEscalation is not false');
        if (!(sc.capabilities?.drop ?? []).includes('ALL'))
          problems.push('capabilities.drop lacks ALL');
        const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
        if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
          problems.push('seccompProfile is not RuntimeDefault');
        for (const message of problems) {
          violations.push({
            rule: this.id,
            subject: `${describe(template.owner)} container ${container.name}`,
            message,
          });
        }
      }
    }
    return violations;
  },
};

/**
 * Every Namespace the repository creates enforces a Pod Security level; the
 * project's own namespaces at least "baseline" (shared ones may need
 * "privileged" for node agents, but must say so explicitly).
 */
export const namespaceLabelsRule: ConvergenceRule = {
  id: 'namespace-pod-security',
  description: 'namespaces carry Pod Security labels',
  check(model) {
    const own = ownNamespaces(model);
    return model.objects
      .filter(o => o.kind === 'Namespace')
      .flatMap(o => {
        const level = (o.metadata as Json).labels?.[
          'pod-security.kubernetes.io/enforce'
        ];
        const allowed = own.has(o.metadata?.name ?? '')
          ? ['restricted', 'baseline']
          : ['restricted', 'baseline', 'privileged'];
        return allowed.includes(level)
          ? []
          : [
              {
                rule: this.id,
                subject: describe(o),
                message: `has no pod-security.kubernetes.io/enforce label (${allowed.join(
                  ', ',
                )})`,
              },
            ];
      });
  },
};
