import { tlsRule } from './tls';
import { goodProject } from '../__fixtures__/goodProject';
import {
  addObjects,
  breakObject,
  messages,
  withMlflowIngress,
} from '../__fixtures__/breaks';
import { itFailsWithout } from '../__fixtures__/itFailsWithout';

const httpListener = { name: 'http', protocol: 'HTTP', port: 80 };
const redirect = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'demo-https-redirect', namespace: 'demo' },
  spec: {
    parentRefs: [{ name: 'demo', sectionName: 'http' }],
    rules: [
      {
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: { scheme: 'https', statusCode: 301 },
          },
        ],
      },
    ],
  },
};

describe('TLS rule', () => {
  it('passes an HTTPS listener whose certificate a cert-manager Certificate writes', () => {
    expect(messages(tlsRule, goodProject())).toEqual([]);
  });

  it('passes an HTTP listener that only redirects to HTTPS, fails one that serves a backend or redirects nowhere', () => {
    const withHttp = () =>
      breakObject(
        'Gateway',
        'demo',
        o => {
          o.spec.listeners.push(httpListener);
        },
        addObjects(redirect),
      );
    expect(messages(tlsRule, withHttp())).toEqual([]);

    const serving = breakObject(
      'HTTPRoute',
      'demo-serving',
      o => {
        o.spec.parentRefs = [{ name: 'demo' }];
      },
      withHttp(),
    );
    expect(messages(tlsRule, serving)).toEqual([
      'Gateway demo/demo: HTTP listener "http" serves HTTPRoute demo/demo-serving: plain HTTP may only redirect to HTTPS',
    ]);

    const nowhere = breakObject('Gateway', 'demo', o => {
      o.spec.listeners.push(httpListener);
    });
    expect(messages(tlsRule, nowhere)).toEqual([
      'Gateway demo/demo: HTTP listener "http" has no route redirecting to HTTPS',
    ]);
  });

  it('fails an HTTPS listener without a certificate, or with a Secret nobody writes (passes it listed as created by hand)', () => {
    const bare = breakObject('Gateway', 'demo', o => {
      delete o.spec.listeners[0].tls;
    });
    expect(messages(tlsRule, bare)).toEqual([
      'Gateway demo/demo: listener "https" is HTTPS without a certificate (tls.mode Terminate and certificateRefs)',
    ]);
    const unknown = breakObject('Gateway', 'demo', o => {
      o.spec.listeners[0].tls.certificateRefs = [{ name: 'mlflow-tls' }];
    });
    expect(messages(tlsRule, unknown)).toEqual([
      'Gateway demo/demo: listener "https": certificate Secret demo/mlflow-tls is written by no cert-manager Certificate of the repository and not listed in docs/created-by-hand.md',
    ]);
    unknown.createdByHand.push({
      kind: 'Secret',
      namespace: 'demo',
      name: 'mlflow-tls',
    });
    expect(messages(tlsRule, unknown)).toEqual([]);
  });

  it('fails an ACME HTTP-01 solver on a listener the CA cannot reach over HTTP', () => {
    const model = addObjects({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'letsencrypt', namespace: 'demo' },
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'letsencrypt-account-key' },
          solvers: [
            {
              http01: {
                gatewayHTTPRoute: {
                  parentRefs: [{ name: 'demo', sectionName: 'https' }],
                },
              },
            },
          ],
        },
      },
    });
    expect(messages(tlsRule, model)).toEqual([
      'Issuer demo/letsencrypt: ACME HTTP-01 solver names Gateway demo/demo listener "https", which has no HTTP listener the CA can reach',
    ]);
  });

  it('fails an Ingress host without TLS', () => {
    const model = withMlflowIngress(
      'alb',
      { number: 5000 },
      'mlflow.example.com',
    );
    expect(messages(tlsRule, model)).toEqual([
      'Ingress demo/mlflow: host mlflow.example.com has no tls entry with a secretName: it is served over plain HTTP',
    ]);
  });

  itFailsWithout(tlsRule, [
    [
      'fails a Certificate whose issuer the repository does not create',
      'ClusterIssuer',
      'demo-ca',
      [
        'Certificate demo/demo-tls: issuerRef ClusterIssuer demo-ca is not created by the repository',
      ],
    ],
    [
      'fails certificates without cert-manager installed',
      'Application',
      'demo-cert-manager',
      [
        'cert-manager: Certificates and Issuers are declared but the repository installs no cert-manager chart',
      ],
    ],
  ]);
});
