import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DerivedTextField,
  projectNameValidation,
  RepoLocationField,
  repoLocationValidation,
} from './fields';

type AnyFieldProps = Parameters<typeof RepoLocationField>[0];

/** Renders a field the way rjsf does: controlled, with the form's values in formContext. */
function Harness(props: {
  Field: (p: AnyFieldProps) => JSX.Element | null;
  uiOptions: object;
  formValues: object;
  title: string;
  onValue: (value: string | undefined) => void;
}) {
  const [value, setValue] = useState<string | undefined>(undefined);
  const fieldProps = {
    formData: value,
    onChange: (next: string | undefined) => {
      setValue(next);
      props.onValue(next);
    },
    formContext: { formData: props.formValues },
    uiSchema: { 'ui:options': props.uiOptions },
    schema: { type: 'string', title: props.title, description: 'What it is' },
    idSchema: { $id: 'root_field' },
    rawErrors: [],
    required: true,
    disabled: false,
  } as unknown as AnyFieldProps;
  return <props.Field {...fieldProps} />;
}

const validationCollector = () => {
  const errors: string[] = [];
  return {
    errors,
    validation: {
      addError: (message: string) => errors.push(message),
    } as unknown as Parameters<typeof repoLocationValidation>[1],
  };
};

describe('RepoLocationField', () => {
  it('starts with the first host and the project name, and commits every keystroke', async () => {
    const values: Array<string | undefined> = [];
    render(
      <Harness
        Field={RepoLocationField}
        uiOptions={{
          allowedHosts: ['github.com', 'gitlab.com'],
          repoNameFrom: 'name',
        }}
        formValues={{ name: 'fraud-detection' }}
        title="Repository location"
        onValue={v => values.push(v)}
      />,
    );
    expect(values).toEqual(['github.com?repo=fraud-detection']);
    expect(screen.getByRole('textbox', { name: /Repository/ })).toHaveValue(
      'fraud-detection',
    );
    expect(screen.getByText('What it is')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /Owner/ }), 'ab');
    // No blur needed: the value is complete as soon as the owner is typed.
    expect(values.slice(-1)).toEqual([
      'github.com?owner=ab&repo=fraud-detection',
    ]);
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: /Host/ }),
      'gitlab.com',
    );
    expect(values.slice(-1)).toEqual([
      'gitlab.com?owner=ab&repo=fraud-detection',
    ]);
  });

  it('leaves the repository name empty without a project name', () => {
    const values: Array<string | undefined> = [];
    render(
      <Harness
        Field={RepoLocationField}
        uiOptions={{ allowedHosts: ['github.com'] }}
        formValues={{}}
        title="Existing repository"
        onValue={v => values.push(v)}
      />,
    );
    expect(values).toEqual(['github.com?']);
    expect(screen.getByRole('textbox', { name: /Repository/ })).toHaveValue('');
  });

  it('validation names the missing part and the host not allowed', () => {
    const { errors, validation } = validationCollector();
    const context = {
      uiSchema: { 'ui:options': { allowedHosts: ['github.com'] } },
    } as unknown as Parameters<typeof repoLocationValidation>[2];
    repoLocationValidation('github.com?owner=example-org', validation, context);
    repoLocationValidation('gitlab.com?owner=a&repo=b', validation, context);
    expect(errors).toEqual([
      'Enter the repository name',
      'Host "gitlab.com" is not one of github.com',
    ]);
    const ok = validationCollector();
    repoLocationValidation('github.com?owner=a&repo=b', ok.validation, context);
    expect(ok.errors).toEqual([]);
  });
});

describe('DerivedTextField', () => {
  it('starts as the template filled from earlier fields, and keeps what is typed', async () => {
    const values: Array<string | undefined> = [];
    render(
      <Harness
        Field={DerivedTextField as (p: AnyFieldProps) => JSX.Element}
        uiOptions={{ defaultFrom: 'mlflow.{name}.example.com' }}
        formValues={{ name: 'churn' }}
        title="MLflow host name"
        onValue={v => values.push(v)}
      />,
    );
    const input = screen.getByRole('textbox', { name: /MLflow host name/ });
    expect(input).toHaveValue('mlflow.churn.example.com');
    await userEvent.clear(input);
    await userEvent.type(input, 'ml.acme.io');
    expect(input).toHaveValue('ml.acme.io');
    expect(values[0]).toBe('mlflow.churn.example.com');
  });

  it('proposes nothing before the project has a name', () => {
    const values: Array<string | undefined> = [];
    render(
      <Harness
        Field={DerivedTextField as (p: AnyFieldProps) => JSX.Element}
        uiOptions={{ defaultFrom: 'mlflow.{name}.example.com' }}
        formValues={{}}
        title="MLflow host name"
        onValue={v => values.push(v)}
      />,
    );
    expect(values).toEqual([]);
    expect(
      screen.getByRole('textbox', { name: /MLflow host name/ }),
    ).toHaveValue('');
  });
});

describe('projectNameValidation', () => {
  const apiHolderWith = (names: string[]): ApiHolder => ({
    get: ref =>
      (ref.id === catalogApiRef.id
        ? {
            getEntities: async ({
              filter,
            }: {
              filter: Record<string, string>;
            }) => ({
              items: names.includes(filter['metadata.name'])
                ? [{ metadata: { name: filter['metadata.name'] }, spec: {} }]
                : [],
            }),
          }
        : undefined) as never,
  });
  const context = (names: string[]) =>
    ({ apiHolder: apiHolderWith(names) } as unknown as Parameters<
      typeof projectNameValidation
    >[2]);

  it.each([
    [
      'refuses a name the catalog has',
      'fraud-detection',
      [
        'A project named "fraud-detection" is in the catalog already; choose another name',
      ],
    ],
    ['accepts a free name', 'churn', []],
  ])('%s', async (_case, name, expected) => {
    const { errors, validation } = validationCollector();
    await projectNameValidation(name, validation, context(['fraud-detection']));
    expect(errors).toEqual(expected);
  });
});
