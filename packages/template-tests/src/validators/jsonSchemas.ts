import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { schemaDir } from './schemaDir';

/** An ajv instance set up the way the upstream schemas need (see schemas/README.md). */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Flagger's CRDs use the non-standard `format: string`.
  ajv.addFormat('string', true);
  return ajv;
}

const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();

function validatorFor(file: string): ValidateFunction {
  let validate = compiled.get(file);
  if (!validate) {
    const schema = JSON.parse(
      fs.readFileSync(path.join(schemaDir, file), 'utf8'),
    );
    // The SchemaStore/dvc schemas carry an $id; compile each file once.
    validate = ajv.compile(schema);
    compiled.set(file, validate);
  }
  return validate;
}

/** Readable one-line errors: `<path> <message>`. */
export function formatErrors(errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map(
    e =>
      `${e.instancePath || '/'} ${e.message}${
        e.params && 'additionalProperty' in e.params
          ? ` (${String(e.params.additionalProperty)})`
          : ''
      }`,
  );
}

function validateWith(file: string, data: unknown): string[] {
  const validate = validatorFor(file);
  return validate(data) ? [] : formatErrors(validate.errors);
}

/** Errors of a `dvc.yaml` against iterative/dvcyaml-schema. */
export const validateDvcYaml = (data: unknown) =>
  validateWith('dvc.yaml.schema.json', data);

/** Errors of an eksctl `ClusterConfig` against eksctl's schema. */
export const validateEksctlConfig = (data: unknown) =>
  validateWith('eksctl-clusterconfig.schema.json', data);

/** Errors of a GitHub Actions workflow against SchemaStore's schema. */
export const validateGithubWorkflow = (data: unknown) =>
  validateWith('github-workflow.schema.json', data);
