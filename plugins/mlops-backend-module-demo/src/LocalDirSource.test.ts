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
import commitEdits from './fixtures/dvc/commit-edits.json';

const example = resolve(__dirname, '../../../examples/fraud-detection');
const entity = {} as Entity;

async function lockState(source: LocalDirSource, ref?: string) {
  const read = async (file: string) =>
    parseDvcYamlFile(
      file,
      (await source.readText(
        entity,
        `data-plane/dvc/${file}`,
        undefined,
        ref,
      ))!,
    );
  const dvcYaml = await read('dvc.yaml');
  const params = await read('params.yaml');
  const stages = expandDvcStages(
    dvcYaml,
    buildDvcContext(dvcYaml, { 'params.yaml': params }),
  );
  return analyzeDvcPipeline({
    stages,
    dvcLock: await read('dvc.lock'),
    paramsFiles: { 'params.yaml': params },
  }).lock;
}

describe('the demo source', () => {
  it('serves the example project, whose dvc.lock is up to date, with the one stale stage the demo shows', async () => {
    const plain = await lockState(new LocalDirSource(example));
    expect(Object.values(plain).map(s => s.status)).toEqual([
      'up-to-date',
      'up-to-date',
      'up-to-date',
    ]);
    const demo = await lockState(
      new LocalDirSource(example, sourceEdits.edits as SourceEdits),
    );
    // The stage tracks the whole `evaluate` section; the card names the value that changed.
    expect(demo.evaluate).toEqual({
      status: 'stale',
      reasons: ['param evaluate.threshold changed (0.5 → 0.45)'],
      paramChanges: [
        {
          file: 'params.yaml',
          key: 'evaluate.threshold',
          change: 'modified',
          locked: 0.5,
          current: 0.45,
        },
      ],
    });
    expect(demo.train.status).toBe('up-to-date');
  });

  it('serves each commit of the demo history: the head as the branch, an older commit fresh with its own params and model', async () => {
    const history = {
      head: commitEdits.head,
      commits: commitEdits.commits as Record<string, SourceEdits>,
    };
    const source = new LocalDirSource(
      example,
      sourceEdits.edits as SourceEdits,
      history,
    );
    expect((await lockState(source, commitEdits.head)).evaluate.status).toBe(
      'stale',
    );
    const older = Object.keys(history.commits);
    expect(older).toHaveLength(1);
    const locks = await Promise.all(
      older.map(async sha => {
        expect(
          Object.values(await lockState(source, sha)).map(s => s.status),
        ).toEqual(['up-to-date', 'up-to-date', 'up-to-date']);
        return source.readText(
          entity,
          'data-plane/dvc/dvc.lock',
          undefined,
          sha,
        );
      }),
    );
    const head = await source.readText(
      entity,
      'data-plane/dvc/dvc.lock',
      undefined,
      commitEdits.head,
    );
    expect(new Set([head, ...locks]).size).toBe(2);
    await expect(
      source.readText(
        entity,
        'data-plane/dvc/dvc.lock',
        undefined,
        'f'.repeat(40),
      ),
    ).rejects.toThrow(`the demo repository has no commit ${'f'.repeat(40)}`);
    // Without a history the folder is the one version, whatever the ref.
    expect(
      await new LocalDirSource(example).readText(
        entity,
        'data-plane/dvc/dvc.lock',
        undefined,
        'f'.repeat(40),
      ),
    ).toBe(
      await new LocalDirSource(example).readText(
        entity,
        'data-plane/dvc/dvc.lock',
      ),
    );
  });

  it('fails clearly when an edit no longer matches the example', async () => {
    const source = new LocalDirSource(example, {
      'data-plane/dvc/params.yaml': [
        { replace: 'threshold: 0.99', with: 'threshold: 0.1' },
      ],
    });
    await expect(
      source.readText(entity, 'data-plane/dvc/params.yaml'),
    ).rejects.toThrow(
      "demo source edit of data-plane/dvc/params.yaml: 'threshold: 0.99' is not in the file",
    );
  });
});
