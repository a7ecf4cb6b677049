import { defineRule, describe, sameKey } from '../model';
import { chartReleases } from '../clusterProvided';

import type { Json } from '../model';

const certManagerCharts = ['cert-manager'];

/** Secrets a cert-manager Certificate of the repository writes (namespace/name). */
function certificateSecrets(objects: Json[]): Set<string> {
  return new Set(
    objects
      .filter(
        o =>
          o.kind === 'Certificate' &&
          o.apiVersion?.startsWith('cert-manager.io/'),
      )
      .map(o => `${o.metadata.namespace}/${o.spec?.secretName}`),
  );
}

/** Routes attached to a Gateway listener (parentRef by name and namespace, and section or port). */
function routesOn(objects: Json[], gateway: Json, listener: Json): Json[] {
  return objects
    .filter(o => ['HTTPRoute', 'GRPCRoute'].includes(o.kind))
    .filter(route =>
      (route.spec?.parentRefs ?? []).some(
        (ref: Json) =>
          (ref.kind ?? 'Gateway') === 'Gateway' &&
          ref.name === gateway.metadata.name &&
          (ref.namespace ?? route.metadata.namespace) ===
            gateway.metadata.namespace &&
          (ref.sectionName === undefined ||
            ref.sectionName === listener.name) &&
          (ref.port === undefined || ref.port === listener.port),
      ),
    );
}

/** A rule that only redirects to https: no backends, a RequestRedirect to scheme https. */
function redirectsToHttps(rule: Json): boolean {
  return (
    !(rule.backendRefs ?? []).length &&
    (rule.filters ?? []).some(
      (f: Json) =>
        f.type === 'RequestRedirect' && f.requestRedirect?.scheme === 'https',
    )
  );
}

/**
 * Every endpoint a project exposes has TLS: each listener of its Gateways is
 * HTTPS (TLS terminated) with certificateRefs to Secrets that a cert-manager
 * Certificate of the repository writes (or that docs/created-by-hand.md lists);
 * an HTTP listener only redirects to HTTPS (its routes have no backends, only a
 * RequestRedirect to scheme https) and carries ACME HTTP-01 challenges. Every
 * Ingress has tls for each of its hosts, with such a Secret. Every Certificate
 * names an Issuer of its namespace or a ClusterIssuer the repository creates,
 * an ACME HTTP-01 Gateway solver names a Gateway's HTTP listener, and
 * cert-manager is installed by the repository.
 */
export const tlsRule = defineRule(
  'tls',
  'every exposed endpoint is HTTPS with a certificate cert-manager issues',
  (model, report) => {
    // Every rule opens alike: that is defineRule's signature (../model.ts), not a copy.
    const objects = model.objects as Json[];
    const written = certificateSecrets(objects);
    const secretExists = (namespace: string, name: string) =>
      written.has(`${namespace}/${name}`) ||
      model.createdByHand.some(k =>
        sameKey(k, { kind: 'Secret', namespace, name }),
      );
    const missingSecret = (namespace: string, name: string) =>
      `certificate Secret ${namespace}/${name} is written by no cert-manager Certificate of the repository and not listed in docs/created-by-hand.md`;

    for (const gateway of objects.filter(o => o.kind === 'Gateway')) {
      const subject = describe(gateway as never);
      const ns = gateway.metadata.namespace;
      for (const listener of gateway.spec?.listeners ?? []) {
        const where = `listener "${listener.name}"`;
        if (listener.protocol === 'HTTPS') {
          const refs: Json[] = listener.tls?.certificateRefs ?? [];
          if (
            (listener.tls?.mode ?? 'Terminate') !== 'Terminate' ||
            refs.length === 0
          ) {
            report(
              subject,
              `${where} is HTTPS without a certificate (tls.mode Terminate and certificateRefs)`,
            );
          }
          for (const ref of refs) {
            if (
              (ref.kind ?? 'Secret') !== 'Secret' ||
              (ref.namespace ?? ns) !== ns
            ) {
              report(
                subject,
                `${where}: certificateRef ${ref.name} is not a Secret of namespace ${ns}`,
              );
            } else if (!secretExists(ns, ref.name)) {
              report(subject, `${where}: ${missingSecret(ns, ref.name)}`);
            }
          }
        } else if (listener.protocol === 'HTTP') {
          const routes = routesOn(objects, gateway, listener);
          const serving = routes.filter(
            r => !(r.spec?.rules ?? []).every(redirectsToHttps),
          );
          if (serving.length > 0) {
            report(
              subject,
              `HTTP ${where} serves ${serving
                .map(r => describe(r as never))
                .join(', ')}: plain HTTP may only redirect to HTTPS`,
            );
          } else if (routes.length === 0) {
            report(subject, `HTTP ${where} has no route redirecting to HTTPS`);
          }
        } else {
          report(subject, `${where} is ${listener.protocol}, not HTTPS`);
        }
      }
    }

    for (const ingress of objects.filter(o => o.kind === 'Ingress')) {
      const subject = describe(ingress as never);
      const ns = ingress.metadata.namespace;
      const tls: Json[] = ingress.spec?.tls ?? [];
      for (const host of (ingress.spec?.rules ?? []).map(
        (r: Json) => r.host ?? '*',
      )) {
        const entry = tls.find(t => (t.hosts ?? []).includes(host));
        if (!entry?.secretName) {
          report(
            subject,
            `host ${host} has no tls entry with a secretName: it is served over plain HTTP`,
          );
        } else if (!secretExists(ns, entry.secretName)) {
          report(subject, missingSecret(ns, entry.secretName));
        }
      }
    }

    const issuers = objects.filter(
      o =>
        ['Issuer', 'ClusterIssuer'].includes(o.kind) &&
        o.apiVersion?.startsWith('cert-manager.io/'),
    );
    for (const certificate of objects.filter(
      o =>
        o.kind === 'Certificate' &&
        o.apiVersion?.startsWith('cert-manager.io/'),
    )) {
      const ref = certificate.spec?.issuerRef ?? {};
      const kind = ref.kind ?? 'Issuer';
      const found = issuers.some(
        i =>
          i.kind === kind &&
          i.metadata.name === ref.name &&
          (kind === 'ClusterIssuer' ||
            i.metadata.namespace === certificate.metadata.namespace),
      );
      if (!found) {
        report(
          describe(certificate as never),
          `issuerRef ${kind} ${ref.name} is not created by the repository`,
        );
      }
    }

    for (const issuer of issuers) {
      for (const solver of issuer.spec?.acme?.solvers ?? []) {
        for (const ref of solver.http01?.gatewayHTTPRoute?.parentRefs ?? []) {
          const ns = ref.namespace ?? issuer.metadata.namespace;
          const gateway = objects.find(
            o =>
              o.kind === 'Gateway' &&
              o.metadata.name === ref.name &&
              o.metadata.namespace === ns,
          );
          const listeners: Json[] = (gateway?.spec?.listeners ?? []).filter(
            (l: Json) =>
              ref.sectionName === undefined || l.name === ref.sectionName,
          );
          if (!listeners.some(l => l.protocol === 'HTTP')) {
            report(
              describe(issuer as never),
              `ACME HTTP-01 solver names Gateway ${ns}/${ref.name}${
                ref.sectionName ? ` listener "${ref.sectionName}"` : ''
              }, which has no HTTP listener the CA can reach`,
            );
          }
        }
      }
    }

    const usesCertManager =
      issuers.length > 0 || objects.some(o => o.kind === 'Certificate');
    if (
      usesCertManager &&
      !chartReleases(model).some(r => certManagerCharts.includes(r.chart))
    ) {
      report(
        'cert-manager',
        'Certificates and Issuers are declared but the repository installs no cert-manager chart',
      );
    }
  },
);
