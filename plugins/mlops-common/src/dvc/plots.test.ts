import path from 'node:path';
import { buildDvcContext, expandDvcStages } from './expandStages';
import { parseDvcYamlFile } from './parseYamlFile';
import { readDvcProject } from './__testUtils__/readDvcProject';
import { DVC_PLOT_MAX_POINTS, listDvcPlots, readDvcPlot } from './plots';

const SAMPLES = path.join(__dirname, '__recordings__/dvc-samples/cases');
// The template's output: examples/fraud-detection, whose evaluate stage writes roc.csv and predictions.csv.
const EXAMPLE = path.resolve(
  __dirname,
  '../../../../examples/fraud-detection/data-plane/dvc',
);

function loadProject(dir: string) {
  const { text, dvcYaml, stages } = readDvcProject(dir);
  const plots = listDvcPlots(dvcYaml, stages);
  return { dvcYaml, stages, plots, read: (plotPath: string) => text(plotPath) };
}

const stagesOf = (dvcYamlText: string) => {
  const dvcYaml = parseDvcYamlFile('dvc.yaml', dvcYamlText);
  return {
    dvcYaml,
    stages: expandDvcStages(dvcYaml, buildDvcContext(dvcYaml, {})),
  };
};

describe('DVC plots', () => {
  it('draws the recorded project’s plots/scores.csv (x: score, y: label) as DVC declares it', () => {
    const project = loadProject(path.join(SAMPLES, 'clean/project'));
    expect(project.plots).toEqual([
      { path: 'plots/scores.csv', stage: 'evaluate', x: 'score', y: 'label' },
    ]);
    const text = project.read('plots/scores.csv')!;
    const plot = readDvcPlot(project.plots[0], text);
    expect(plot.error).toBeUndefined();
    const rows = text.trim().split('\n').slice(1);
    expect(plot.points).toHaveLength(rows.length);
    expect(plot.points![0]).toEqual({
      x: Number(rows[0].split(',')[0]),
      y: Number(rows[0].split(',')[1]),
    });
  });

  it('draws a hand-edited plot too (plot-tampered: the lock comparison flags it, the card still shows it)', () => {
    const project = loadProject(path.join(SAMPLES, 'plot-tampered/project'));
    const plot = readDvcPlot(
      project.plots[0],
      project.read('plots/scores.csv'),
    );
    expect(plot.error).toBeUndefined();
    expect(plot.points!.length).toBeGreaterThan(0);
  });

  it('reads the example project’s ROC curve and confusion plot with their templates', () => {
    const project = loadProject(EXAMPLE);
    expect(project.plots).toEqual([
      {
        path: '../experiments/plots/roc.csv',
        stage: 'evaluate',
        x: 'fpr',
        y: 'tpr',
        template: 'simple',
      },
      {
        path: '../experiments/plots/predictions.csv',
        stage: 'evaluate',
        x: 'actual',
        y: 'predicted',
        template: 'confusion',
      },
    ]);
    const [rocDeclaration, predictionsDeclaration] = project.plots;
    const rocText = project.read(rocDeclaration.path)!;
    const roc = readDvcPlot(rocDeclaration, rocText);
    expect(roc.points).toHaveLength(rocText.trim().split('\n').length - 1);
    expect(roc.points![0]).toEqual({ x: 0, y: 0 });
    expect(roc.points![roc.points!.length - 1]).toEqual({ x: 1, y: 1 });

    const predictionsText = project.read(predictionsDeclaration.path)!;
    const predictions = readDvcPlot(predictionsDeclaration, predictionsText);
    expect(predictions.confusion!.labels).toEqual(['0', '1']);
    const total = predictions
      .confusion!.counts.flat()
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(predictionsText.trim().split('\n').length - 1);
    // Python's csv module writes CRLF line ends.
    const ones = predictionsText
      .split(/\r?\n/)
      .filter(line => line === '1,1').length;
    expect(predictions.confusion!.counts[1][1]).toBe(ones);
  });

  // Not recorded: the dvc-samples project declares one stage-level CSV plot only, so the top-level
  // forms, JSON, TSV and the broken files below are written here from DVC's documented formats.
  it('reads top-level plots: a file with its properties and a plot whose y names files', () => {
    const { dvcYaml, stages } = stagesOf(`
stages:
  train:
    cmd: python train.py
    wdir: ml
    plots:
      - logs/loss.tsv
plots:
  - logs/acc.json:
      x: epoch
      y: acc
      title: Accuracy
  - precision-recall:
      x: recall
      y:
        ml/pr.json: precision
  - ml/logs/loss.tsv:
      y: loss
`);
    expect(listDvcPlots(dvcYaml, stages)).toEqual([
      // The stage's plot first; the top-level entry of the same file does not repeat it.
      { path: 'ml/logs/loss.tsv', stage: 'train' },
      { path: 'logs/acc.json', x: 'epoch', y: 'acc', title: 'Accuracy' },
      { path: 'ml/pr.json', x: 'recall', y: 'precision' },
    ]);
  });

  it('reads JSON (a list, or an object holding one) and TSV, and the row number when x is not declared', () => {
    expect(
      readDvcPlot(
        { path: 'acc.json', x: 'epoch', y: 'acc' },
        JSON.stringify({
          train: [
            { epoch: 1, acc: 0.5 },
            { epoch: 2, acc: 0.7 },
          ],
        }),
      ).points,
    ).toEqual([
      { x: 1, y: 0.5 },
      { x: 2, y: 0.7 },
    ]);
    const tsv = readDvcPlot(
      { path: 'loss.tsv' },
      'step\tloss\r\n0\t1.5\r\n1\t"0.9"\r\n',
    );
    expect(tsv).toMatchObject({
      y: 'loss',
      xLabel: 'step',
      points: [
        { x: 0, y: 1.5 },
        { x: 1, y: 0.9 },
      ],
    });
  });

  it('samples a long file to the most points the card draws, keeping the first and the last', () => {
    const rows = Array.from({ length: 2001 }, (_, i) => `${i},${i * 2}`);
    const plot = readDvcPlot(
      { path: 'long.csv', x: 'a', y: 'b' },
      `a,b\n${rows.join('\n')}\n`,
    );
    expect(plot.points).toHaveLength(DVC_PLOT_MAX_POINTS);
    expect(plot.points![0]).toEqual({ x: 0, y: 0 });
    expect(plot.points![DVC_PLOT_MAX_POINTS - 1]).toEqual({ x: 2000, y: 4000 });
  });

  it.each([
    [
      'a file not in the repository',
      'roc.csv',
      undefined,
      /roc.csv is not in the repository/,
    ],
    [
      'a declared column the file lacks',
      'roc.csv',
      'fpr,recall\n0,0\n',
      /no column 'tpr' \(columns: fpr, recall\)/,
    ],
    [
      'a value that is not a number',
      'roc.csv',
      'fpr,tpr\n0,0\n0.1,high\n',
      /row 2 has a value that is not a number in 'fpr' or 'tpr'/,
    ],
    [
      'an unclosed quote',
      'roc.csv',
      'fpr,tpr\n"0,0\n',
      /a quoted field is not closed/,
    ],
    ['malformed JSON', 'roc.json', '{"roc": [', /roc.json: .*malformed/],
    [
      'JSON without rows',
      'roc.json',
      '{"auc": 0.9}',
      /expected a list of objects/,
    ],
    [
      'an image',
      'roc.png',
      'PNG',
      /only CSV, TSV, JSON and YAML plots are drawn/,
    ],
    ['an empty file', 'roc.csv', '', /no rows/],
  ])(
    'gives %s a message instead of a crash (negative)',
    (_case, file, text, message) => {
      const plot = readDvcPlot({ path: file, x: 'fpr', y: 'tpr' }, text);
      expect(plot.points).toBeUndefined();
      expect(plot.error).toMatch(message);
    },
  );
});
