import { defineRule, describe, sameKey } from '../model';
import { chartReleases } from '../clusterProvided';

import type { Json } from '../model';

/**
 * Grafana's admin login comes from a Secret (kube-prometheus-stack values
 * `grafana.admin.existingSecret`), which the repository creates or lists as
 * created by hand, never the chart's default password.
 */
export const grafanaAdminRule = defineRule(
  'grafana-admin-secret',
  "Grafana's admin password comes from a Secret",
  (model, report) => {
    chartReleases(model)
      .filter(r => r.chart === 'kube-prometheus-stack')
      .forEach(release => {
        const secret = (release.values as Json).grafana?.admin?.existingSecret;
        const subject = `Helm release ${release.namespace}/${
          release.releaseName
        } (${describe(release.owner)})`;
        if (!secret) {
          report(
            subject,
            'sets no grafana.admin.existingSecret: Grafana keeps the chart default admin password',
          );
          return;
        }
        const key = {
          kind: 'Secret',
          namespace: release.namespace,
          name: secret,
        };
        const exists =
          model.objects.some(
            o =>
              o.kind === 'Secret' &&
              o.metadata?.name === secret &&
              o.metadata?.namespace === release.namespace,
          ) || model.createdByHand.some(k => sameKey(k, key));
        if (!exists) {
          report(
            subject,
            `Secret ${release.namespace}/${secret} is neither created by the repository nor listed in docs/created-by-hand.md`,
          );
        }
      });
  },
);
