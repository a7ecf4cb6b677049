import fs from 'node:fs';
import { parseDocument } from 'yaml';
import { foldLongCommands } from './dvcLock';
import { recordedCase } from './standInDvc';

describe('the tests’ dvc.lock writer', () => {
  it('lays dvc.lock out as real DVC 3 wrote it (recorded lock, re-serialized)', () => {
    const recorded = fs.readFileSync(
      recordedCase('clean', 'project/dvc.lock'),
      'utf8',
    );
    const again = foldLongCommands(
      parseDocument(recorded).toString({
        indentSeq: false,
        singleQuote: true,
        lineWidth: 0,
      }),
    );
    expect(again).toBe(recorded);
  });

  it('folds a command past column 80 at the next space, continuing two columns deeper', () => {
    const cmd =
      'python3 ../src/train.py --params params.yaml --data data/prepared --model ../models/model.pkl --record ../experiments/last-run.json';
    expect(foldLongCommands(`  train:\n    cmd: ${cmd}\n    deps: []\n`)).toBe(
      [
        '  train:',
        // "    cmd: ... --model" ends at column 82: the space after it is the first past 80.
        '    cmd: python3 ../src/train.py --params params.yaml --data data/prepared --model',
        '      ../models/model.pkl --record ../experiments/last-run.json',
        '    deps: []',
        '',
      ].join('\n'),
    );
    expect(foldLongCommands("    cmd: 'quoted: stays as it is'\n")).toBe(
      "    cmd: 'quoted: stays as it is'\n",
    );
  });
});
