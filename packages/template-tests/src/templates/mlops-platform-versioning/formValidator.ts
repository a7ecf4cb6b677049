import { optionsList, retrieveSchema, RJSFSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import ajvErrors from 'ajv-errors';
import type { JsonObject } from '@backstage/types';
import { template } from './renderAll';

/** The form's pages, as template.yaml declares them. */
export const formPages = (template.entity.spec as { parameters: JsonObject[] })
  .parameters;

/** The form's view of a page: the JSON schema without the `ui:` keys (as the scaffolder's Stepper splits them). */
export function withoutUiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUiKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('ui:'))
      .map(([key, inner]) => [key, withoutUiKeys(inner)]),
  );
}

/**
 * Validates like the scaffolder frontend's Stepper: rjsf's ajv8 validator
 * with ajv-errors, page by page. One validator for every call, so each page
 * schema is compiled once.
 */
export function pagesValidator(pages: JsonObject[]) {
  const schemas = pages.map(page => withoutUiKeys(page) as JsonObject);
  const validator = customizeValidator();
  ajvErrors(validator.ajv);
  return (values: JsonObject) =>
    schemas.flatMap(schema => {
      const { errors } = validator.validateFormData(values, schema);
      return errors.map(e => ({
        property: e.property ?? '',
        message: e.message ?? '',
      }));
    });
}

/** The main template's form errors for these values (see {@link pagesValidator}). */
export const formErrors = pagesValidator(formPages);

/** rjsf's ajv8 validator, for what a page shows (its schema for the values so far, its options, its defaults). */
export const rjsfValidator = customizeValidator();

/** The schema rjsf shows on a page for these values. */
export const shownSchema = (schema: RJSFSchema, values: JsonObject) =>
  retrieveSchema(rjsfValidator, schema, schema, values);

/** The values rjsf offers in a select field of a page for these values. */
export function offeredOptions(
  page: RJSFSchema,
  field: string,
  values: JsonObject,
): unknown[] {
  const schema = shownSchema(page, values).properties?.[field] as RJSFSchema;
  return (optionsList(schema) ?? []).map(option => option.value);
}
