/*
 * Defaults a form field derives from fields of earlier steps, such as the
 * MLflow host name from the project name.
 */

/** The values a form has so far (the scaffolder's `formContext.formData`). @public */
export type FormValues = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fills `{field}` placeholders of `template` with the form's values, e.g.
 * `mlflow.{name}.example.com`. `undefined` when a placeholder's field has no
 * non-blank string value, so nothing half-filled is ever proposed.
 *
 * @public
 */
export function deriveDefault(
  template: string,
  values: FormValues | undefined,
): string | undefined {
  let complete = true;
  const derived = template.replace(PLACEHOLDER, (_, field: string) => {
    const value = values?.[field];
    if (typeof value !== 'string' || value.trim() === '') {
      complete = false;
      return '';
    }
    return value.trim();
  });
  return complete ? derived : undefined;
}
