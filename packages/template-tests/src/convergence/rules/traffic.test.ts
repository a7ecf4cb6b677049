import { trafficRule } from './traffic';
import { goodProject } from '../__fixtures__/goodProject';
import {
  breakObject,
  messages,
  withMlflowIngress,
} from '../__fixtures__/breaks';
import { itFailsWithout } from '../__fixtures__/itFailsWithout';

describe('traffic rule', () => {
  it('passes an HTTPRoute on a Gateway of the Envoy Gateway class the repository installs', () => {
    expect(messages(trafficRule, goodProject())).toEqual([]);
  });

  it('fails an Ingress of the retired nginx class nothing installs', () => {
    const model = withMlflowIngress('nginx', { name: 'http' });
    expect(messages(trafficRule, model)).toEqual([
      'Ingress demo/mlflow: ingressClassName "nginx" is no IngressClass the repository installs',
    ]);
  });

  it('fails an HTTPRoute on a Gateway that does not exist or a listener it lacks', () => {
    const missing = breakObject('HTTPRoute', 'demo-serving', o => {
      o.spec.parentRefs = [{ name: 'shared', namespace: 'gateways' }];
    });
    expect(messages(trafficRule, missing)).toEqual([
      'HTTPRoute demo/demo-serving: parentRef Gateway gateways/shared is not created by the repository',
    ]);
    const listener = breakObject('HTTPRoute', 'demo-serving', o => {
      o.spec.parentRefs = [{ name: 'demo', sectionName: 'http' }];
    });
    expect(messages(trafficRule, listener)).toEqual([
      'HTTPRoute demo/demo-serving: Gateway demo/demo has no listener "http"',
    ]);
  });

  itFailsWithout(trafficRule, [
    [
      'fails a GatewayClass whose controller is not installed',
      'Application',
      'demo-envoy-gateway',
      [
        'GatewayClass envoy: controller "gateway.envoyproxy.io/gatewayclass-controller" is not installed by the repository',
      ],
    ],
    [
      'fails a Gateway of a class that does not exist',
      'GatewayClass',
      'envoy',
      [
        'Gateway demo/demo: gatewayClassName "envoy" is no GatewayClass the repository creates',
      ],
    ],
  ]);
});
