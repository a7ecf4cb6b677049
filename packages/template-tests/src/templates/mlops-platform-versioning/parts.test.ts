import fs from 'node:fs';
import path from 'node:path';
import type { JsonObject } from '@backstage/types';
import {
  ML_PROJECT_PARTS,
  mlProjectParts,
} from '@mlops-portal/plugin-mlops-common';
import {
  DryRunServer,
  expectRendered,
  startDryRunServer,
} from '../../scaffolder/dryRunServer';
import { baseValues, combinations } from './combinations';
import { template } from './renderAll';

/**
 * The template's `fetch-options` step (`each:` over the parts, with one long
 * `if:`) must render exactly the parts mlops-common's ML_PROJECT_PARTS gives
 * for the same choices. The step's real `each`/`if` run in the real
 * scaffolder, with `debug:log` in place of `fetch:template`.
 
 */
const steps = (template.entity.spec as { steps: JsonObject[] }).steps;
const fetchOptions = steps.find(step => step.id === 'fetch-options')!;

/** Each choice the parts depend on, with its values. */
const domain: Record<string, Array<string | boolean>> = {
  infrastructure: ['eksctl', 'terraform'],
  karpenter: [true, false],
  gpuEnabled: [true, false],
  gpuScaleToZero: [true, false],
  storage: ['s3', 'minio'],
  minioDeploy: [true, false],
  mlflowExposure: ['ingress', 'nodeport'],
  gitopsEngine: ['argocd', 'flux'],
  canary: ['argo-rollouts', 'flagger', 'none'],
  serving: ['deployment', 'kserve', 'ray-serve'],
  observability: [true, false],
  orchestration: ['none', 'airflow', 'flyte', 'kubeflow'],
  streaming: [true, false],
  sparkOperator: [true, false],
  flinkOperator: [true, false],
  rayTraining: [true, false],
  repoUrl: [
    'github.com?owner=acme&repo=fraud-detection',
    'gitlab.com?owner=acme&repo=fraud-detection',
  ],
};

/** Every single-choice change from a few starting points, and the rendered combinations. */
const starts: JsonObject[] = [
  baseValues,
  {
    ...baseValues,
    infrastructure: 'terraform',
    gpuEnabled: true,
    storage: 'minio',
    minioDeploy: true,
  },
  {
    ...baseValues,
    gitopsEngine: 'flux',
    canary: 'flagger',
    observability: true,
  },
];
const cases: JsonObject[] = [
  ...combinations.map(c => c.values),
  ...starts.flatMap(start =>
    Object.entries(domain).flatMap(([field, values]) =>
      values.map(value => ({ ...start, [field]: value })),
    ),
  ),
];

/**
 * The step's `if` is `each.value in [<list>]`; one dry run evaluates that
 * list for every case (a `debug:log` step per case, its `parameters.` read
 * from that case as `parameters.c<i>.`), which is what `each` filters by.
 */
const list = /^\$\{\{\s*each\.value in (\[[\s\S]*\])\s*\}\}$/.exec(
  String(fetchOptions.if).trim(),
)?.[1];
const probe = {
  ...template,
  files: [],
  entity: {
    ...template.entity,
    spec: {
      ...(template.entity.spec as JsonObject),
      parameters: [],
      output: {},
      steps: cases.map((_, i) => ({
        id: `c${i}`,
        name: `case ${i}`,
        action: 'debug:log',
        input: {
          message: `\${{ ${String(list).replace(
            /\bparameters\./g,
            `parameters.c${i}.`,
          )} | dump }}`,
        },
      })),
    },
  },
};

const choicesOf = (values: JsonObject) => ({
  ...values,
  repoHost: String(values.repoUrl).split('?')[0],
});

describe("templates/mlops-platform-versioning: the parts each choice brings are mlops-common's table", () => {
  let server: DryRunServer;
  let rendered: Array<{ values: JsonObject; parts: string[] }> = [];

  beforeAll(async () => {
    server = await startDryRunServer();
    const { log } = expectRendered(
      await server.dryRun(
        probe,
        Object.fromEntries(cases.map((values, i) => [`c${i}`, values])),
      ),
    );
    const each = fetchOptions.each as string[];
    rendered = cases.map((values, i) => {
      // debug:log logs the evaluated list as JSON.
      const line = log
        .filter(entry => entry.body.stepId === `c${i}`)
        .map(entry => /info\S*: (\[.*\])$/.exec(entry.body.message)?.[1])
        .find(Boolean);
      const chosen = JSON.parse(line ?? 'null') as string[];
      return { values, parts: each.filter(part => chosen.includes(part)) };
    });
  }, 120_000);

  afterAll(() => server.stop());

  it('lists every part of the table in the step, and a folder for each', () => {
    expect(list).toBeDefined();
    expect(fetchOptions.each).toEqual(ML_PROJECT_PARTS.map(p => p.part));
    const missing = ML_PROJECT_PARTS.filter(
      ({ part }) =>
        !fs.existsSync(path.join(template.dir, 'skeleton/options', part)),
    );
    expect(missing).toEqual([]);
  });

  it('renders exactly the parts ML_PROJECT_PARTS gives, for every case', () => {
    expect(rendered.length).toBe(cases.length);
    const mismatches = rendered
      .map(({ values, parts }) => ({
        values,
        template: parts,
        table: mlProjectParts(choicesOf(values)),
      }))
      .filter(r => JSON.stringify(r.template) !== JSON.stringify(r.table));
    expect(mismatches).toEqual([]);
  });

  it('notices a table whose condition differs from the template (the comparison can fail)', () => {
    const wrong = ML_PROJECT_PARTS.map(entry =>
      entry.part === 'kafka'
        ? { ...entry, when: { field: 'sparkOperator', is: [true] } }
        : entry,
    );
    const mismatches = rendered.filter(
      ({ values, parts }) =>
        JSON.stringify(parts) !==
        JSON.stringify(mlProjectParts(choicesOf(values), wrong)),
    );
    expect(mismatches.length).toBeGreaterThan(0);
  });
});
