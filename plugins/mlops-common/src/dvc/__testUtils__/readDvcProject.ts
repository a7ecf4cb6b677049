import fs from 'node:fs';
import path from 'node:path';
import { buildDvcContext, expandDvcStages } from '../expandStages';
import { parseDvcYamlFile } from '../parseYamlFile';

/**
 * A DVC project folder as the portal reads it from git: a file's text (undefined when
 * absent), dvc.yaml parsed and its stages expanded with params.yaml. Tests only.
 */
export function readDvcProject(dir: string) {
  const text = (file: string) =>
    fs.existsSync(path.join(dir, file))
      ? fs.readFileSync(path.join(dir, file), 'utf8')
      : undefined;
  const dvcYaml = parseDvcYamlFile('dvc.yaml', text('dvc.yaml')!);
  const params = parseDvcYamlFile('params.yaml', text('params.yaml')!);
  const stages = expandDvcStages(
    dvcYaml,
    buildDvcContext(dvcYaml, { 'params.yaml': params }),
  );
  return { text, dvcYaml, stages };
}
