/*
 * examples/fraud-detection is what the "Create new ML project" template
 * produces; this fails when the template changes and the example was not
 * regenerated (node scripts/generate-example-project.js).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  analyzeDvcPipeline,
  buildDvcContext,
  expandDvcStages,
  listDvcHashedFiles,
} from '@mlops-portal/plugin-mlops-common';
import { EXAMPLE_DIR, PIPELINE_DIR } from './exampleValues';
import { renderExampleProject } from './renderExampleProject';
import { committedOutputs } from './runPipeline';
import {
  listFiles,
  lockEntry,
} from '../templates/mlops-platform-versioning/dvcLock';
import { repoRoot } from '../packageRoot';

const exampleRoot = path.join(repoRoot, EXAMPLE_DIR);
const dvcDir = path.join(exampleRoot, PIPELINE_DIR);

const readYaml = (file: string) => parse(fs.readFileSync(file, 'utf8'));

/** Files the pipeline run adds: dvc.lock and the `cache: false` outputs. */
function pipelineOutputs(): string[] {
  const pipeline = readYaml(path.join(dvcDir, 'dvc.yaml'));
  const outputs = Object.values<any>(pipeline.stages).flatMap(committedOutputs);
  return [
    `${PIPELINE_DIR}/dvc.lock`,
    ...listFiles(exampleRoot).filter(file =>
      outputs.some(out => {
        const full = path.posix.normalize(`${PIPELINE_DIR}/${out}`);
        return file === full || file.startsWith(`${full}/`);
      }),
    ),
  ];
}

describe('examples/fraud-detection', () => {
  it('is exactly what the template renders for the example answers', async () => {
    const { files } = await renderExampleProject();
    const generated = new Set(pipelineOutputs());
    const committed = listFiles(exampleRoot)
      .filter(file => !generated.has(file))
      .sort();
    expect(committed).toEqual([...files.keys()].sort());
    for (const [file, content] of files) {
      expect({
        file,
        content: fs.readFileSync(path.join(exampleRoot, file), 'utf8'),
      }).toEqual({
        file,
        content: content.toString('utf8'),
      });
    }
  }, 120_000);

  it('has a dvc.lock that is up to date: the DVC card, hashing what git holds, agrees', () => {
    const dvcYaml = readYaml(path.join(dvcDir, 'dvc.yaml'));
    const params = readYaml(path.join(dvcDir, 'params.yaml'));
    const lock = readYaml(path.join(dvcDir, 'dvc.lock'));
    const stages = expandDvcStages(
      dvcYaml,
      buildDvcContext(dvcYaml, { 'params.yaml': params }),
    );
    const contents = Object.fromEntries(
      listDvcHashedFiles(stages)
        .filter(file => fs.existsSync(path.join(dvcDir, file)))
        .map(file => [
          file,
          new Uint8Array(fs.readFileSync(path.join(dvcDir, file))),
        ]),
    );
    expect(Object.keys(contents)).toEqual(
      expect.arrayContaining([
        '../../requirements.txt',
        '../experiments/metrics.json',
      ]),
    );
    const { lock: state } = analyzeDvcPipeline({
      stages,
      dvcLock: lock,
      paramsFiles: { 'params.yaml': params },
      contents,
    });
    for (const { stage } of stages) {
      expect({
        stage: stage.name,
        status: state[stage.name].status,
        reasons: state[stage.name].reasons,
      }).toEqual({
        stage: stage.name,
        status: 'up-to-date',
        reasons: [],
      });
    }
    // Dependencies in git are locked with the md5 of their committed content.
    const inGit = Object.entries<any>(lock.stages).flatMap(([name, locked]) =>
      locked.deps
        .filter((dep: any) => fs.existsSync(path.join(dvcDir, dep.path)))
        .map((dep: any) => ({ stage: name, ...dep })),
    );
    expect(inGit.length).toBeGreaterThan(0);
    for (const dep of inGit) {
      expect({ stage: dep.stage, ...lockEntry(dvcDir, dep.path) }).toEqual(dep);
    }
  });
});
