import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** The demo catalog's example project (System ml-platform, Component fraud-detection), as the demo profile loads it. Tests only. */
export const demoCatalog: Entity[] = YAML.parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../examples/ml-platform.yaml'),
    'utf8',
  ),
).map(d => d.toJSON() as Entity);
