import { defineRule, describe } from '../model';
import {
  chartReleases,
  gatewayControllersByChart,
  ingressClassesByChart,
} from '../clusterProvided';

import type { Json } from '../model';

/**
 * Every Ingress names an IngressClass, every Gateway a GatewayClass whose
 * controller the repository installs, and every HTTPRoute a Gateway the
 * repository creates: otherwise no controller ever programs them.
 */
export const trafficRule = defineRule(
  'traffic',
  'routes name a class or Gateway the repository installs',
  (model, report) => {
    // Every rule opens alike: that is defineRule's signature (../model.ts), not a copy.
    const objects = model.objects as Json[];
    const charts = chartReleases(model).map(r => r.chart);
    const controllers = new Set(
      charts.map(c => gatewayControllersByChart[c]).filter(Boolean),
    );
    const ingressClasses = new Set([
      ...charts.map(c => ingressClassesByChart[c]).filter(Boolean),
      ...objects
        .filter(o => o.kind === 'IngressClass')
        .map(o => o.metadata.name),
    ]);
    const gatewayClasses = objects.filter(o => o.kind === 'GatewayClass');
    const gateways = objects.filter(o => o.kind === 'Gateway');
    for (const object of objects) {
      const subject = describe(object as never);
      if (object.kind === 'Ingress') {
        const cls = object.spec?.ingressClassName;
        if (!cls || !ingressClasses.has(cls)) {
          report(
            subject,
            `ingressClassName "${
              cls ?? ''
            }" is no IngressClass the repository installs`,
          );
        }
      }
      if (object.kind === 'GatewayClass') {
        if (!controllers.has(object.spec?.controllerName)) {
          report(
            subject,
            `controller "${object.spec?.controllerName}" is not installed by the repository`,
          );
        }
      }
      if (object.kind === 'Gateway') {
        if (
          !gatewayClasses.some(
            c => c.metadata.name === object.spec?.gatewayClassName,
          )
        ) {
          report(
            subject,
            `gatewayClassName "${object.spec?.gatewayClassName}" is no GatewayClass the repository creates`,
          );
        }
      }
      if (['HTTPRoute', 'GRPCRoute'].includes(object.kind)) {
        for (const ref of object.spec?.parentRefs ?? []) {
          if ((ref.kind ?? 'Gateway') !== 'Gateway') continue;
          const ns = ref.namespace ?? object.metadata.namespace;
          const gateway = gateways.find(
            g => g.metadata.name === ref.name && g.metadata.namespace === ns,
          );
          if (!gateway) {
            report(
              subject,
              `parentRef Gateway ${ns}/${ref.name} is not created by the repository`,
            );
            continue;
          }
          const listeners: Json[] = gateway.spec?.listeners ?? [];
          if (
            ref.sectionName &&
            !listeners.some(l => l.name === ref.sectionName)
          ) {
            report(
              subject,
              `Gateway ${ns}/${ref.name} has no listener "${ref.sectionName}"`,
            );
          }
        }
      }
    }
  },
);
