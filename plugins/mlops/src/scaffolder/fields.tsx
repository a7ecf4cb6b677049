import { ChangeEvent, useEffect } from 'react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { deriveDefault, FormValues } from './projectDefaults';
import { existingProjectProblem } from './projectName';
import {
  parseRepoLocation,
  RepoLocation,
  RepoLocationPart,
  repoLocationProblems,
  serializeRepoLocation,
} from './repoLocation';

/** `ui:options` of the `MlopsDerivedText` field (MlopsDerivedTextFieldExtension). @public */
export interface DerivedTextOptions {
  /** The default, with `{field}` placeholders for earlier fields, e.g. `mlflow.{name}.example.com`. */
  defaultFrom?: string;
}

/** `ui:options` of the `MlopsRepoLocation` field (MlopsRepoLocationFieldExtension). @public */
export interface RepoLocationOptions {
  /** The hosts to choose from; the first is preselected. */
  allowedHosts?: string[];
  /** An earlier field whose value prefills the repository name, e.g. `name`. */
  repoNameFrom?: string;
}

const formValues = (formContext: unknown): FormValues | undefined =>
  (formContext as { formData?: FormValues } | undefined)?.formData;

/**
 * The field's description. rjsf shows none for a `ui:field`, so the field
 * does, in the secondary text colour that stays so when the field has errors.
 */
function FieldDescription({ text }: { text?: string }) {
  return text ? (
    <Typography variant="body2" color="textSecondary">
      {text}
    </Typography>
  ) : null;
}

/**
 * A text input that commits every keystroke (the form's value is current
 * whenever "Next" is pressed), labelled with the field's title, with its
 * description below; the surrounding field template shows the errors.
 */
function TextInput(
  props: FieldExtensionComponentProps<string, object> & {
    value: string | undefined;
  },
) {
  const { idSchema, schema, required, rawErrors, disabled, uiSchema, value } =
    props;
  return (
    <>
      <TextField
        id={idSchema?.$id}
        label={schema.title}
        value={value ?? ''}
        required={required}
        disabled={disabled}
        error={rawErrors?.length > 0}
        // Only where the template asks for it (ui:autofocus), as rjsf's own inputs do.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={uiSchema?.['ui:autofocus'] === true}
        onChange={(event: ChangeEvent<HTMLInputElement>) =>
          props.onChange(
            event.target.value === '' ? undefined : event.target.value,
          )
        }
        margin="normal"
        fullWidth
      />
      <FieldDescription text={schema.description} />
    </>
  );
}

/**
 * The ML project's name, refused when a project of that name is in the
 * catalog already (see {@link projectNameValidation}).
 *
 * @public
 */
export function ProjectNameField(
  props: FieldExtensionComponentProps<string, object>,
) {
  return <TextInput {...props} value={props.formData} />;
}

/** Refuses the name of a project the catalog holds already. @public */
export const projectNameValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder },
) => {
  const catalog = apiHolder.get(catalogApiRef);
  if (!catalog) return;
  const problem = await existingProjectProblem(value, catalog);
  if (problem) validation.addError(problem);
};

/**
 * A text field prefilled from earlier fields (`ui:options.defaultFrom`, e.g.
 * the MLflow host from the project name) while it is empty; what the user
 * types stays.
 *
 * @public
 */
export function DerivedTextField(
  props: FieldExtensionComponentProps<string, DerivedTextOptions>,
) {
  const { formData, formContext, onChange, uiSchema } = props;
  const template = uiSchema?.['ui:options']?.defaultFrom;
  const derived = template
    ? deriveDefault(template, formValues(formContext))
    : undefined;
  useEffect(() => {
    if (formData === undefined && derived !== undefined) onChange(derived);
    // Only when the field first shows: a value the user cleared stays cleared.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <TextInput {...props} value={formData} />;
}

const PART_LABELS: Record<RepoLocationPart, { label: string; help: string }> = {
  host: { label: 'Host', help: 'Where the repository is hosted' },
  owner: {
    label: 'Owner',
    help: 'The organization or user (on GitLab: the group or user) the repository belongs to',
  },
  repo: { label: 'Repository', help: 'The name of the repository' },
};

/**
 * A repository location (`host?owner=…&repo=…`, as Backstage's RepoUrlPicker
 * writes it): a host to choose and two text inputs that commit every
 * keystroke, so the first "Next" sees what was typed. The repository name is
 * prefilled from `ui:options.repoNameFrom`. Its title and description come
 * from the template, so a template for an existing repository says so.
 *
 * @public
 */
export function RepoLocationField(
  props: FieldExtensionComponentProps<string, RepoLocationOptions>,
) {
  const { formData, formContext, onChange, uiSchema, schema, rawErrors } =
    props;
  const options = uiSchema?.['ui:options'] ?? {};
  const allowedHosts = options.allowedHosts ?? [];
  const location = parseRepoLocation(formData);
  const idPrefix = props.idSchema?.$id ?? 'repoUrl';

  useEffect(() => {
    if (formData !== undefined) return;
    const nameFrom = options.repoNameFrom;
    const repo = nameFrom ? formValues(formContext)?.[nameFrom] : undefined;
    onChange(
      serializeRepoLocation({
        host: allowedHosts[0] ?? '',
        owner: '',
        repo: typeof repo === 'string' ? repo : '',
      }),
    );
    // Only when the field first shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = (part: RepoLocationPart, value: string) =>
    onChange(serializeRepoLocation({ ...location, [part]: value.trim() }));
  // Which inputs to mark once the form has reported this field.
  const problemParts = new Set(
    rawErrors?.length > 0
      ? repoLocationProblems(formData, allowedHosts).map(p => p.part)
      : [],
  );
  const input = (part: RepoLocationPart, extra: object = {}) => (
    <TextField
      id={`${idPrefix}-${part}`}
      label={PART_LABELS[part].label}
      helperText={PART_LABELS[part].help}
      value={location[part as keyof RepoLocation]}
      required
      disabled={props.disabled}
      error={problemParts.has(part)}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        update(part, event.target.value)
      }
      margin="normal"
      fullWidth
      {...extra}
    />
  );
  return (
    <Box component="fieldset" border={0} p={0} m={0}>
      {schema.title && (
        <Typography component="legend" variant="h6">
          {schema.title}
        </Typography>
      )}
      <FieldDescription text={schema.description} />
      {input('host', {
        select: true,
        SelectProps: { native: true },
        children: allowedHosts.map(host => (
          <option key={host} value={host}>
            {host}
          </option>
        )),
      })}
      {input('owner')}
      {input('repo')}
    </Box>
  );
}

/** Refuses an incomplete or malformed repository location, naming the part. @public */
export const repoLocationValidation: CustomFieldValidator<
  string,
  RepoLocationOptions
> = (value, validation, { uiSchema }) => {
  for (const problem of repoLocationProblems(
    value,
    uiSchema?.['ui:options']?.allowedHosts ?? [],
  )) {
    validation.addError(problem.message);
  }
};
