import { defineRule, ClusterModel } from '../model';
import { chartReleases } from '../clusterProvided';
import { selectorMatches } from '../podTemplates';
import {
  ExportedMetric,
  LabelContext,
  targetLabels,
  TrafficLayer,
  trafficLayers,
} from '../trafficLayers';

import type { Json } from '../model';

interface Query {
  subject: string;
  query: string;
  /** Flagger's template variables, substituted before checking. */
  variables?: Record<string, string>;
}

/** `metric{label="v", label=~"re"}` selectors of a PromQL expression. */
export function selectors(query: string) {
  const found: Array<{
    metric: string;
    matchers: Array<{ label: string; value: string }>;
  }> = [];
  for (const match of query.matchAll(
    /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}/g,
  )) {
    const matchers = [
      ...match[2].matchAll(
        /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"]*)"/g,
      ),
    ].map(m => ({ label: m[1], value: m[3] }));
    found.push({ metric: match[1], matchers });
  }
  return found;
}

function canaryQueries(objects: Json[]): Query[] {
  const queries: Query[] = [];
  for (const o of objects) {
    const subject = `${o.kind} ${o.metadata?.namespace ?? ''}/${
      o.metadata?.name
    }`;
    if (o.kind === 'AnalysisTemplate' || o.kind === 'ClusterAnalysisTemplate') {
      for (const metric of o.spec?.metrics ?? []) {
        const q = metric.provider?.prometheus?.query;
        if (q)
          queries.push({
            subject: `${subject} metric ${metric.name}`,
            query: q,
          });
      }
    }
    if (o.kind === 'MetricTemplate' && o.spec?.query) {
      const canary = objects.find(
        c =>
          c.kind === 'Canary' &&
          (c.spec?.analysis?.metrics ?? []).some(
            (m: Json) => m.templateRef?.name === o.metadata.name,
          ),
      );
      queries.push({
        subject,
        query: o.spec.query,
        variables: {
          namespace: canary?.metadata?.namespace ?? o.metadata.namespace,
          target: canary?.spec?.targetRef?.name ?? '',
          service:
            canary?.spec?.service?.name ?? canary?.spec?.targetRef?.name ?? '',
          interval: '1m',
        },
      });
    }
  }
  return queries;
}

/** Metrics recorded by the repository's PrometheusRules, with the labels they keep. */
function recordedMetrics(
  objects: Json[],
): Record<string, ExportedMetric> & Record<string, { expr: string }> {
  const recorded: Record<string, any> = {};
  for (const o of objects.filter(x => x.kind === 'PrometheusRule')) {
    for (const group of o.spec?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        if (!rule.record) continue;
        const by = [
          ...String(rule.expr).matchAll(/\bby\s*\(([^)]*)\)/g),
        ].flatMap(m => m[1].split(',').map((s: string) => s.trim()));
        recorded[rule.record] = {
          labels: [...Object.keys(rule.labels ?? {}), ...by],
          expr: String(rule.expr),
        };
      }
    }
  }
  return recorded;
}

function substitute(query: string, variables: Record<string, string> = {}) {
  return query.replace(/\{\{\s*([a-zA-Z_.-]+)\s*\}\}/g, (whole, name) =>
    name in variables ? variables[name] : whole,
  );
}

/** HTTPRoutes that exist: rendered ones, and the one Flagger's gatewayapi provider creates per Canary. */
function httpRoutes(objects: Json[]): string[] {
  const routes = objects
    .filter(o => o.kind === 'HTTPRoute')
    .map(o => `${o.metadata.namespace}/${o.metadata.name}`);
  for (const c of objects.filter(o => o.kind === 'Canary')) {
    if (String(c.spec?.provider ?? '').startsWith('gatewayapi')) {
      routes.push(
        `${c.metadata.namespace}/${
          c.spec?.service?.name ?? c.spec?.targetRef?.name
        }`,
      );
    }
  }
  return routes;
}

/**
 * Argo Rollouts measures a metric as Inconclusive when it has both a success
 * and a failure condition and neither holds; a condition that indexes an
 * empty result is an Error, and errors abort the rollout. Evaluates the
 * conditions (expr syntax limited to what the template uses) on "no data"
 * (empty vector) and NaN.
 */
export function noDataOutcome(metric: Json): string | undefined {
  const { successCondition, failureCondition } = metric;
  if (!successCondition || !failureCondition) {
    return 'needs both successCondition and failureCondition, so that no data is Inconclusive rather than Failed';
  }
  const toJs = (condition: string) =>
    condition
      .replace(/\blen\(result\)/g, 'result.length')
      .replace(/\bisNaN\(/g, 'Number.isNaN(')
      .replace(/\band\b/g, '&&')
      .replace(/\bor\b/g, '||')
      .replace(/\bnot\b/g, '!');
  const strict = (values: number[]) =>
    new Proxy(values, {
      get(target, key) {
        if (
          typeof key === 'string' &&
          /^\d+$/.test(key) &&
          Number(key) >= target.length
        ) {
          throw new Error(
            `index out of range: ${key} (array of length ${target.length})`,
          );
        }
        return Reflect.get(target, key);
      },
    });
  for (const [label, result] of [
    ['no data', [] as number[]],
    ['NaN', [Number.NaN]],
  ] as const) {
    for (const [name, condition] of [
      ['successCondition', successCondition],
      ['failureCondition', failureCondition],
    ]) {
      let value: unknown;
      try {
        // eslint-disable-next-line no-new-func
        value = new Function('result', `return (${toJs(condition)});`)(
          strict([...result]),
        );
      } catch (e) {
        return `${name} errors on ${label} (${
          (e as Error).message
        }); errors abort the rollout`;
      }
      if (value !== false) {
        return `${name} is ${String(
          value,
        )} on ${label}; no data must be neither success nor failure`;
      }
    }
  }
  return undefined;
}

function layerOf(model: ClusterModel): TrafficLayer | undefined {
  const charts = chartReleases(model).map(r => r.chart);
  return trafficLayers.find(l => charts.includes(l.chart));
}

function checkSelectors(
  query: string,
  known: Record<string, ExportedMetric>,
  context: LabelContext,
): string[] {
  const problems: string[] = [];
  for (const { metric, matchers } of selectors(query)) {
    const exported = known[metric];
    if (!exported) {
      problems.push(
        `metric ${metric} is not exported by the traffic layer nor recorded by the repository`,
      );
      continue;
    }
    for (const { label, value } of matchers) {
      if (!exported.labels.includes(label) && !targetLabels.includes(label)) {
        problems.push(`${metric} has no label ${label}`);
        continue;
      }
      if (value.includes('{{')) continue;
      const problem = exported.values?.[label]?.(value, context);
      if (problem) problems.push(`${metric}{${label}}: ${problem}`);
    }
  }
  return problems;
}

/**
 * Every canary query (Argo Rollouts AnalysisTemplate, Flagger MetricTemplate,
 * and the recording rules they read) uses metrics the installed traffic layer
 * exports, with labels and label values it emits; its pods are scraped by a
 * PodMonitor/ServiceMonitor; and no data is inconclusive (Argo Rollouts), not
 * a pass or an error.
 */
export const canaryQueriesRule = defineRule(
  'canary-queries',
  'canary queries use metrics and labels the traffic layer exports',
  (model, report) => {
    // Every rule opens alike: that is defineRule's signature (../model.ts), not a copy.
    const objects = model.objects as Json[];
    const queries = canaryQueries(objects);
    if (queries.length === 0) return;
    const layer = layerOf(model);
    if (!layer) {
      report(
        queries[0].subject,
        'the repository installs no traffic layer whose metrics the canary could read',
      );
      return;
    }
    const context: LabelContext = { httpRoutes: httpRoutes(objects) };
    const recorded = recordedMetrics(objects);
    const known = { ...layer.metrics, ...recorded };
    for (const [name, rule] of Object.entries(recorded)) {
      for (const message of checkSelectors(
        (rule as { expr: string }).expr,
        layer.metrics,
        context,
      )) {
        report(`recording rule ${name}`, message);
      }
    }
    for (const q of queries) {
      for (const message of checkSelectors(
        substitute(q.query, q.variables),
        known,
        context,
      )) {
        report(q.subject, message);
      }
    }
    for (const o of objects.filter(
      x =>
        x.kind === 'AnalysisTemplate' || x.kind === 'ClusterAnalysisTemplate',
    )) {
      for (const metric of o.spec?.metrics ?? []) {
        if (!metric.provider?.prometheus) continue;
        const problem = noDataOutcome(metric);
        if (problem) {
          report(
            `${o.kind} ${o.metadata.namespace}/${o.metadata.name} metric ${metric.name}`,
            problem,
          );
        }
      }
    }
    const scraped = objects.some(
      o =>
        (o.kind === 'PodMonitor' || o.kind === 'ServiceMonitor') &&
        selectorMatches(
          o.spec?.selector?.matchLabels ?? {},
          layer.scrape.podLabels,
        ) &&
        (o.spec?.namespaceSelector?.any === true ||
          (
            o.spec?.namespaceSelector?.matchNames ?? [o.metadata.namespace]
          ).includes(layer.scrape.namespace)),
    );
    if (!scraped) {
      report(
        queries[0].subject,
        `no PodMonitor/ServiceMonitor scrapes the ${layer.chart} proxies in ${layer.scrape.namespace}`,
      );
    }
  },
);
