import { defineRule, describe } from '../model';
import { containersOf, podTemplates } from '../podTemplates';
import { ownNamespaces } from './collisions';

import type { Json } from '../model';

/**
 * Every container of the repository's pod templates runs as non-root, with
 * privilege escalation off, every capability dropped and the RuntimeDefault
 * seccomp profile (the Pod Security "restricted" profile, which the
 * namespaces enforce).
 */
export const podSecurityRule = defineRule(
  'pod-security',
  'containers are non-root, drop ALL capabilities, RuntimeDefault seccomp',
  (model, report) => {
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
          report(
            `${describe(template.owner)} container ${container.name}`,
            message,
          );
        }
      }
    }
  },
);

/**
 * Every Namespace the repository creates enforces a Pod Security level; the
 * project's own namespaces at least "baseline" (shared ones may need
 * "privileged" for node agents, but must say so explicitly).
 */
export const namespaceLabelsRule = defineRule(
  'namespace-pod-security',
  'namespaces carry Pod Security labels',
  (model, report) => {
    const own = ownNamespaces(model);
    model.objects
      .filter(o => o.kind === 'Namespace')
      .forEach(o => {
        const level = (o.metadata as Json).labels?.[
          'pod-security.kubernetes.io/enforce'
        ];
        const allowed = own.has(o.metadata?.name ?? '')
          ? ['restricted', 'baseline']
          : ['restricted', 'baseline', 'privileged'];
        if (!allowed.includes(level)) {
          report(
            describe(o),
            `has no pod-security.kubernetes.io/enforce label (${allowed.join(
              ', ',
            )})`,
          );
        }
      });
  },
);
