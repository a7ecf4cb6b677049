import { defineRule, describe } from '../model';
import {
  Container,
  containersOf,
  podTemplates,
  Probe,
  selectorMatches,
} from '../podTemplates';

import type { Json } from '../model';

function hasPort(container: Container, port: string | number): boolean {
  return (container.ports ?? []).some(p =>
    typeof port === 'number' ? p.containerPort === port : p.name === port,
  );
}

/**
 * Every Service selects the pods of a pod template in its namespace and
 * every targetPort exists on their container; every probe port exists on its
 * container; every Ingress / HTTPRoute backend names a Service port that
 * exists. A Service that selects nothing has no endpoints; a probe on a
 * missing port never passes.
 */
export const servicesRule = defineRule(
  'services',
  'Service selectors and ports, probe ports and backend ports resolve',
  (model, report) => {
    const objects = model.objects as Json[];
    const templates = podTemplates(model.objects);
    for (const template of templates) {
      for (const container of containersOf(template.spec)) {
        const probes: Array<[string, Probe | undefined]> = [
          ['readinessProbe', container.readinessProbe],
          ['livenessProbe', container.livenessProbe],
          ['startupProbe', container.startupProbe],
        ];
        for (const [kind, probe] of probes) {
          const port =
            probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
          if (port !== undefined && !hasPort(container, port)) {
            report(
              `${describe(template.owner)} container ${container.name}`,
              `${kind} port ${port} is not a port of the container`,
            );
          }
        }
      }
    }
    const services = objects.filter(o => o.kind === 'Service');
    for (const service of services) {
      const selector: Record<string, string> | undefined =
        service.spec?.selector;
      if (!selector || service.spec?.type === 'ExternalName') continue;
      const matching = templates.filter(
        t =>
          t.namespace === service.metadata.namespace &&
          selectorMatches(selector, t.labels),
      );
      if (matching.length === 0) {
        report(
          describe(service as never),
          `selector ${JSON.stringify(
            selector,
          )} matches no pod template in its namespace`,
        );
        continue;
      }
      for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        const found = matching.some(t =>
          t.spec.containers.some(c => hasPort(c, target)),
        );
        if (!found) {
          report(
            describe(service as never),
            `targetPort ${target} is not a port of the selected containers`,
          );
        }
      }
    }
    // Flagger creates <service>, <service>-primary and <service>-canary for each Canary, on its service.port.
    const flaggerServices = objects
      .filter(
        o => o.kind === 'Canary' && o.apiVersion?.startsWith('flagger.app/'),
      )
      .flatMap(c => {
        const name = c.spec?.service?.name ?? c.spec?.targetRef?.name;
        return ['', '-primary', '-canary'].map(suffix => ({
          metadata: {
            name: `${name}${suffix}`,
            namespace: c.metadata.namespace,
          },
          spec: {
            ports: [
              {
                name: c.spec?.service?.portName ?? 'http',
                port: c.spec?.service?.port,
              },
            ],
          },
        }));
      });
    const servicePort = (
      namespace: string,
      name: string,
      port: string | number,
    ) => {
      const service = [...services, ...flaggerServices].find(
        s => s.metadata.name === name && s.metadata.namespace === namespace,
      );
      if (!service) return `Service ${namespace}/${name} does not exist`;
      const ok = (service.spec?.ports ?? []).some((p: Json) =>
        typeof port === 'number' ? p.port === port : p.name === port,
      );
      return ok
        ? undefined
        : `Service ${namespace}/${name} has no port ${port}`;
    };
    for (const o of objects) {
      const ns = o.metadata?.namespace;
      const problems: Array<string | undefined> = [];
      if (o.kind === 'Ingress') {
        for (const rule of o.spec?.rules ?? []) {
          for (const p of rule.http?.paths ?? []) {
            const backend = p.backend?.service;
            if (backend) {
              problems.push(
                servicePort(
                  ns,
                  backend.name,
                  backend.port?.number ?? backend.port?.name,
                ),
              );
            }
          }
        }
      }
      if (o.kind === 'HTTPRoute') {
        for (const rule of o.spec?.rules ?? []) {
          for (const ref of rule.backendRefs ?? []) {
            if ((ref.kind ?? 'Service') !== 'Service') continue;
            problems.push(servicePort(ref.namespace ?? ns, ref.name, ref.port));
          }
        }
      }
      for (const message of problems.filter(Boolean) as string[]) {
        report(describe(o as never), message);
      }
    }
  },
);
