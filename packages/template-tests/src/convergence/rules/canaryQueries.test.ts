import { canaryQueriesRule, noDataOutcome } from './canaryQueries';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages } from '../__fixtures__/breaks';
import { itFailsWithout } from '../__fixtures__/itFailsWithout';

const analysis = 'AnalysisTemplate demo/demo-health metric success-rate';

describe('canary queries rule', () => {
  it('passes Envoy Gateway metrics with the labels and route cluster names Envoy emits', () => {
    expect(messages(canaryQueriesRule, goodProject())).toEqual([]);
  });

  it('fails the ingress-nginx metric when the traffic layer is Envoy Gateway', () => {
    const model = breakObject('AnalysisTemplate', 'demo-health', o => {
      o.spec.metrics[0].provider.prometheus.query =
        'sum(rate(nginx_ingress_controller_requests{ingress="demo-serving",status!~"5.."}[2m]))';
    });
    expect(messages(canaryQueriesRule, model)).toEqual([
      `${analysis}: metric nginx_ingress_controller_requests is not exported by the traffic layer nor recorded by the repository`,
    ]);
  });

  it('fails a label the metric does not have, and a label value Envoy never emits', () => {
    const model = breakObject('AnalysisTemplate', 'demo-health', o => {
      o.spec.metrics[0].provider.prometheus.query =
        'sum(rate(envoy_cluster_upstream_rq_xx{route="demo",envoy_cluster_name="demo-serving-canary"}[2m]))';
    });
    expect(messages(canaryQueriesRule, model)).toEqual([
      `${analysis}: envoy_cluster_upstream_rq_xx has no label route`,
      `${analysis}: envoy_cluster_upstream_rq_xx{envoy_cluster_name}: "demo-serving-canary" is not an Envoy Gateway route cluster name (httproute/<namespace>/<name>/rule/<index>)`,
    ]);
    const otherRoute = breakObject('AnalysisTemplate', 'demo-health', o => {
      o.spec.metrics[0].provider.prometheus.query =
        'sum(rate(envoy_cluster_upstream_rq_xx{envoy_cluster_name="httproute/demo/other/rule/0"}[2m]))';
    });
    expect(messages(canaryQueriesRule, otherRoute)).toEqual([
      `${analysis}: envoy_cluster_upstream_rq_xx{envoy_cluster_name}: no HTTPRoute demo/other exists, so Envoy never emits "httproute/demo/other/rule/0"`,
    ]);
  });

  it('fails conditions that error or fail on no data instead of being inconclusive', () => {
    expect(noDataOutcome({ successCondition: 'result[0] >= 0.99' })).toMatch(
      /needs both/,
    );
    expect(
      noDataOutcome({
        successCondition: 'result[0] >= 0.99',
        failureCondition: 'result[0] < 0.99',
      }),
    ).toMatch(/successCondition errors on no data \(index out of range/);
    expect(
      noDataOutcome({
        successCondition: 'len(result) == 0 || result[0] >= 0.99',
        failureCondition: 'len(result) > 0 && result[0] < 0.99',
      }),
    ).toBe(
      'successCondition is true on no data; no data must be neither success nor failure',
    );
    const model = breakObject('AnalysisTemplate', 'demo-health', o => {
      o.spec.metrics[0].successCondition = 'result[0] >= 0.99';
    });
    expect(messages(canaryQueriesRule, model)).toEqual([
      `${analysis}: successCondition errors on no data (index out of range: 0 (array of length 0)); errors abort the rollout`,
    ]);
  });

  itFailsWithout(canaryQueriesRule, [
    [
      'fails when nothing scrapes the proxies',
      'PodMonitor',
      'envoy-proxies',
      [
        `${analysis}: no PodMonitor/ServiceMonitor scrapes the gateway-helm proxies in envoy-gateway-system`,
      ],
    ],
    [
      'fails when no traffic layer is installed',
      'Application',
      'demo-envoy-gateway',
      [
        `${analysis}: the repository installs no traffic layer whose metrics the canary could read`,
      ],
    ],
  ]);
});
