import type { JsonObject } from '@backstage/types';
import { chosen } from './chosenParts';
import { combinations } from './combinations';
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
} from './renderAll';

/**
 * Each component a project can get, the start of its row in the generated
 * README's "Components and how to reach them" table, and when it is chosen.
 */
// One row per component: data of one shape, not repeated logic.
const components: Array<{
  row: string;
  chosen: (values: JsonObject) => boolean;
}> = [
  { row: 'MLflow tracking server', chosen: () => true },
  { row: 'Argo CD', chosen: chosen('argocd') },
  { row: 'Flux', chosen: chosen('flux') },
  { row: 'Argo Rollouts', chosen: chosen('argo-rollouts') },
  { row: 'Flagger', chosen: chosen('flagger') },
  { row: 'Grafana', chosen: chosen('observability') },
  { row: 'Prometheus', chosen: chosen('observability') },
  {
    row: 'NVIDIA DCGM exporter',
    chosen: v => v.observability === true && v.gpuEnabled === true,
  },
  { row: 'Apache Airflow', chosen: chosen('airflow') },
  { row: 'Flyte', chosen: chosen('flyte') },
  { row: 'Kubeflow Pipelines', chosen: chosen('kubeflow') },
  { row: 'Kafka (Strimzi)', chosen: chosen('kafka') },
  { row: 'MinIO', chosen: chosen('minio-operator') },
  { row: 'Spark operator', chosen: chosen('spark') },
  { row: 'Flink Kubernetes operator', chosen: chosen('flink') },
  { row: 'Karpenter', chosen: chosen('karpenter') },
  { row: 'GPU scale-to-zero', chosen: chosen('gpu-scale-to-zero') },
  { row: 'Model serving (KServe', chosen: chosen('kserve') },
  { row: 'Model serving (Ray Serve', chosen: chosen('ray-serve') },
  {
    row: 'Model serving',
    chosen: chosen('serving-deployment'),
  },
  { row: 'Ray training', chosen: chosen('ray-training') },
];

/** First cells of the components table's rows. */
function componentRows(readme: string): string[] {
  const section = readme.split('## Components and how to reach them')[1];
  if (!section) throw new Error('README has no components table');
  return section
    .split(/\n## /)[0]
    .split('\n')
    .filter(line => line.startsWith('| ') && !line.startsWith('| component'))
    .map(line => line.split('|')[1].trim());
}

/** The component a row belongs to: the longest matching row start. */
function componentOf(row: string): string | undefined {
  return components
    .map(c => c.row)
    .filter(start => row.startsWith(start))
    .sort((a, b) => b.length - a.length)[0];
}

describe('the generated README says which components were chosen and how to reach each', () => {
  let rendered: RenderedCombination[];

  beforeAll(async () => {
    rendered = await renderAll(combinations);
  }, 600_000);

  afterAll(() => removeRendered(rendered ?? []));

  it.each(combinations.map(c => [c.id]))(
    '%s: one row per chosen component, none for the others',
    id => {
      const combination = rendered.find(r => r.id === id)!;
      const rows = componentRows(fileText(combination, 'README.md'));
      const listed = rows.map(row => componentOf(row) ?? `unknown: ${row}`);
      const expected = components
        .filter(c => c.chosen(combination.values))
        .map(c => c.row);
      expect([...listed].sort()).toEqual([...expected].sort());
    },
  );

  it.each(combinations.map(c => [c.id]))(
    '%s: every row says how to reach the component',
    id => {
      const combination = rendered.find(r => r.id === id)!;
      const readme = fileText(combination, 'README.md');
      const table = readme
        .split('## Components and how to reach them')[1]
        .split(/\n## /)[0];
      for (const line of table.split('\n').filter(l => l.startsWith('| '))) {
        const cells = line.split('|').map(cell => cell.trim());
        if (cells[1] === 'component' || cells[1].startsWith('---')) continue;
        // A URL, a command to run, or an explicit "no UI" with what to run instead.
        expect(cells[3]).toMatch(/https?:\/\/|`[^`]+`|no UI/);
      }
    },
  );
});
