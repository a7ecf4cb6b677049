import { defineRule } from '../model';
import { podTemplates } from '../podTemplates';
import { ownNamespaces } from './collisions';

import type { Json } from '../model';

/**
 * Every namespace of the project that runs pods has a default-deny
 * NetworkPolicy (empty podSelector, Ingress and Egress), so only the allows
 * the repository declares let traffic through.
 */
export const networkPoliciesRule = defineRule(
  'network-policies',
  'project namespaces with pods have a default-deny NetworkPolicy',
  (model, report) => {
    const policies = (model.objects as Json[]).filter(
      o => o.kind === 'NetworkPolicy',
    );
    const own = ownNamespaces(model);
    const withPods = new Set(
      podTemplates(model.objects)
        .map(t => t.namespace)
        .filter((ns): ns is string => !!ns && own.has(ns)),
    );
    [...withPods]
      .filter(
        ns =>
          !policies.some(
            p =>
              p.metadata.namespace === ns &&
              Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 &&
              ['Ingress', 'Egress'].every(t =>
                (p.spec?.policyTypes ?? []).includes(t),
              ) &&
              !p.spec?.ingress?.length &&
              !p.spec?.egress?.length,
          ),
      )
      .forEach(ns =>
        report(
          `Namespace ${ns}`,
          'has pods but no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)',
        ),
      );
  },
);
