import { servicesRule } from './services';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages } from '../__fixtures__/breaks';

describe('services rule', () => {
  it('passes Services that select pods on ports their containers have', () => {
    expect(messages(servicesRule, goodProject())).toEqual([]);
  });

  it('fails a Service whose selector matches no pod template', () => {
    const model = breakObject('Service', 'mlflow', o => {
      o.spec.selector = { app: 'mlflow' };
    });
    expect(messages(servicesRule, model)).toEqual([
      'Service demo/mlflow: selector {"app":"mlflow"} matches no pod template in its namespace',
    ]);
  });

  it('fails a Service targetPort the container does not have', () => {
    const model = breakObject('Service', 'mlflow', o => {
      o.spec.ports[0].targetPort = 'web';
    });
    expect(messages(servicesRule, model)).toEqual([
      'Service demo/mlflow: targetPort web is not a port of the selected containers',
    ]);
  });

  it('fails a probe on a port the container does not have', () => {
    const model = breakObject('Deployment', 'demo-serving', o => {
      o.spec.template.spec.containers[0].livenessProbe.httpGet.port = 9090;
    });
    expect(messages(servicesRule, model)).toEqual([
      'Deployment demo/demo-serving container model: livenessProbe port 9090 is not a port of the container',
    ]);
  });

  it('fails a route backend on a Service port that does not exist', () => {
    const model = breakObject('HTTPRoute', 'demo-serving', o => {
      o.spec.rules[0].backendRefs[0].port = 80;
    });
    expect(messages(servicesRule, model)).toEqual([
      'HTTPRoute demo/demo-serving: Service demo/demo-serving has no port 80',
    ]);
  });
});

describe('services rule with Flagger', () => {
  it('counts the Services Flagger creates for a Canary, on its port only', () => {
    const withCanary = (port: number) => {
      const model = goodProject();
      model.objects = model.objects.filter(
        o => !(o.kind === 'Service' && o.metadata?.name === 'demo-serving'),
      );
      model.objects.push({
        apiVersion: 'flagger.app/v1beta1',
        kind: 'Canary',
        metadata: { name: 'demo-serving', namespace: 'demo' },
        spec: { targetRef: { name: 'demo-serving' }, service: { port } },
      });
      return model;
    };
    expect(messages(servicesRule, withCanary(8080))).toEqual([]);
    expect(messages(servicesRule, withCanary(80))).toEqual([
      'HTTPRoute demo/demo-serving: Service demo/demo-serving has no port 8080',
    ]);
  });
});
