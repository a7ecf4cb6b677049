import {
  analyzeDvcPipeline,
  buildDvcContext,
  expandDvcStages,
  parseDvcYamlFile,
} from '@mlops-portal/plugin-mlops-common';
import { Entity } from '@backstage/catalog-model';
import { resolve } from 'node:path';
import { LocalDirSource, SourceEdits } from './LocalDirSource';
import sourceEdits from './fixtures/dvc/source-edits.json';

const example = resolve(__dirname, '../../../examples/fraud-detection');
const entity = {} as Entity;

async function lockState(source: LocalDirSource) {
  const read = async (file: string) =>
    parseDvcYamlFile(file, (await source.readText(entity, `data-plane/dvc/${file}`))!);
  const dvcYaml = await read('dvc.yaml');
  const params = await read('params.yaml');
  const stages = expandDvcStages(dvcYaml, buildDvcContext(dvcYaml, { 'params.yaml': params }));
  return analyzeDvcPipeline({ stages, dvcLock: await read('dvc.lock'), paramsFiles: { 'params.yaml': params } }).lock;
}

describe('the demo source', () => {
  it('serves the example project, whose dvc.lock is up to date, with the one stale stage the demo shows', async () => {
    const plain = await lockState(new LocalDirSource(example));
    expect(Object.values(plain).map(s => s.status)).toEqual(['up-to-date', 'up-to-date', 'up-to-date']);
    const demo = await lockState(new LocalDirSource(example, sourceEdits.edits as SourceEdits));
    expect(demo.evaluate).toEqual({ status: 'stale', reasons: ['param evaluate changed'] });
    expect(demo.train.status).toBe('up-to-date');
  });

  it('fails clearly when an edit no longer matches the example', async () => {
    const source = new LocalDirSource(example, {
      'data-plane/dvc/params.yaml': [{ replace: 'threshold: 0.99', with: 'threshold: 0.1' }],
    });
    await expect(source.readText(entity, 'data-plane/dvc/params.yaml')).rejects.toThrow(
      "demo source edit of data-plane/dvc/params.yaml: 'threshold: 0.99' is not in the file",
    );
  });
});
