import { getComponentData } from '@backstage/core-plugin-api';
import {
  MlopsDerivedTextFieldExtension,
  MlopsRepoLocationFieldExtension,
  MlProjectNameFieldExtension,
} from './legacy';

/** What a legacy app's <ScaffolderFieldExtensions> reads from each child. */
const registered = (element: JSX.Element) =>
  getComponentData<{ name: string; validation?: unknown }>(
    element,
    'scaffolder.extensions.field.v1',
  );

describe('legacy field extensions', () => {
  it('register the names the templates use, with their validation', () => {
    expect(registered(<MlProjectNameFieldExtension />)).toMatchObject({
      name: 'MlProjectName',
      validation: expect.any(Function),
    });
    expect(registered(<MlopsDerivedTextFieldExtension />)?.name).toBe(
      'MlopsDerivedText',
    );
    expect(registered(<MlopsRepoLocationFieldExtension />)).toMatchObject({
      name: 'MlopsRepoLocation',
      validation: expect.any(Function),
    });
  });

  it('register nothing for another element (the lookup can fail)', () => {
    expect(registered(<div />)).toBeUndefined();
  });
});
