import { DvcFileError } from './errors';
import { DVC_MAX_FILE_BYTES, parseDvcYamlFile } from './parseYamlFile';

describe('parseDvcYamlFile', () => {
  it('parses YAML and JSON', () => {
    expect(
      parseDvcYamlFile('dvc.yaml', 'stages:\n  a:\n    cmd: echo\n'),
    ).toEqual({
      stages: { a: { cmd: 'echo' } },
    });
    expect(parseDvcYamlFile('metrics.json', '{"auc": 0.9}')).toEqual({
      auc: 0.9,
    });
  });

  it('refuses a file over 1 MiB', () => {
    const big = `x: "${'a'.repeat(DVC_MAX_FILE_BYTES)}"\n`;
    expect(() => parseDvcYamlFile('dvc.yaml', big)).toThrow(
      /dvc.yaml: file is \d+ bytes, more than the 1048576 bytes allowed/,
    );
  });

  it('refuses a YAML alias bomb before expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = (() => {
      try {
        parseDvcYamlFile('dvc.yaml', lines.join('\n'));
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DvcFileError);
    expect((error as DvcFileError).reason).toBe('alias-bomb');
  });

  it('names the line of malformed YAML', () => {
    expect(() =>
      parseDvcYamlFile('dvc.lock', 'stages:\n  a: [1, 2\n  b: 3\n'),
    ).toThrow(/dvc.lock: malformed YAML at line \d/);
  });
});
