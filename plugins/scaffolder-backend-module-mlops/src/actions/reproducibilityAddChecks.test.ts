import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { mockContext } from '../__testUtils__/mockContext';
// A test file's opening (imports, mock directory, a describe): alike in shape only with other packages' tests.
import {
  createReproducibilityAddChecksAction,
  reproducibilityCheckFiles,
  reproducibilityChecksDir,
} from './reproducibilityAddChecks';

const CHECKS = 'control-plane/ci-cd/checks';

describe('mlops:reproducibility:add-checks', () => {
  const action = createReproducibilityAddChecksAction();
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  async function run(input: Record<string, string>, isDryRun = false) {
    const { ctx, logged } = mockContext(action, input, { isDryRun });
    await action.handler({ ...ctx, workspacePath: workspace.path });
    return { ctx, logged };
  }

  it('finds its assets in the package (as an npm install does) and ships the two shared checks', async () => {
    expect(reproducibilityChecksDir()).toBe(
      path.resolve(__dirname, '../../assets/reproducibility-checks'),
    );
    expect(await reproducibilityCheckFiles()).toEqual([
      `${CHECKS}/install-requirements.sh`,
      `${CHECKS}/reproducibility.py`,
    ]);
    const manifest = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
    );
    expect(manifest.files).toContain('assets');
  });

  it('writes the checks byte for byte, executable, and outputs their paths', async () => {
    const { ctx } = await run({});
    const files = [
      `${CHECKS}/install-requirements.sh`,
      `${CHECKS}/reproducibility.py`,
    ];
    expect(ctx.output).toHaveBeenCalledWith('files', files);
    for (const file of files) {
      const written = path.join(workspace.path, file);
      expect(fs.readFileSync(written)).toEqual(
        fs.readFileSync(path.join(reproducibilityChecksDir(), file)),
      );
      // eslint-disable-next-line no-bitwise
      expect(fs.statSync(written).mode & 0o111).not.toBe(0);
    }
    expect(
      fs.readFileSync(
        path.join(workspace.path, CHECKS, 'reproducibility.py'),
        'utf8',
      ),
    ).toContain('dvc');
  });

  it('writes under targetPath and replaces an older copy of a check', async () => {
    workspace.setContent({
      [`sub/${CHECKS}/reproducibility.py`]: 'old copy',
      'sub/keep.txt': 'untouched',
    });
    const { ctx } = await run({ targetPath: 'sub' });
    expect(ctx.output).toHaveBeenCalledWith('files', [
      `sub/${CHECKS}/install-requirements.sh`,
      `sub/${CHECKS}/reproducibility.py`,
    ]);
    expect(
      fs.readFileSync(
        path.join(workspace.path, `sub/${CHECKS}/reproducibility.py`),
        'utf8',
      ),
    ).not.toBe('old copy');
    expect(
      fs.readFileSync(path.join(workspace.path, 'sub/keep.txt'), 'utf8'),
    ).toBe('untouched');
    expect(fs.existsSync(path.join(workspace.path, CHECKS))).toBe(false);
  });

  it('writes the same files in a dry run (into the dry-run workspace) and says so', async () => {
    const { ctx, logged } = await run({}, true);
    expect(ctx.output).toHaveBeenCalledWith('files', expect.any(Array));
    expect(
      fs.existsSync(path.join(workspace.path, CHECKS, 'reproducibility.py')),
    ).toBe(true);
    expect(logged()).toContain('Dry run');
  });

  it.each([
    ['../outside', 'must stay inside the workspace'],
    ['sub/../../outside', 'must stay inside the workspace'],
    ['/etc', 'must be relative to the workspace'],
  ])(
    'refuses targetPath %s with a clear error and writes nothing',
    async (targetPath, message) => {
      await expect(run({ targetPath })).rejects.toThrow(InputError);
      await expect(run({ targetPath })).rejects.toThrow(
        `targetPath: ${message}`,
      );
      expect(fs.readdirSync(workspace.path)).toEqual([]);
      expect(fs.existsSync(path.join(workspace.path, '..', 'outside'))).toBe(
        false,
      );
    },
  );
});
