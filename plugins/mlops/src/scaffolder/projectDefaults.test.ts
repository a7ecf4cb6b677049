import { deriveDefault } from './projectDefaults';

describe('deriveDefault', () => {
  it('fills placeholders from the form values', () => {
    expect(
      deriveDefault('mlflow.{name}.example.com', { name: 'fraud-detection' }),
    ).toBe('mlflow.fraud-detection.example.com');
    expect(deriveDefault('{a}-{b}', { a: 'x', b: ' y ' })).toBe('x-y');
    expect(deriveDefault('no placeholders', {})).toBe('no placeholders');
  });

  it('proposes nothing while a placeholder has no value', () => {
    expect(deriveDefault('mlflow.{name}.example.com', {})).toBeUndefined();
    expect(
      deriveDefault('mlflow.{name}.example.com', undefined),
    ).toBeUndefined();
    expect(
      deriveDefault('mlflow.{name}.example.com', { name: '  ' }),
    ).toBeUndefined();
    expect(
      deriveDefault('mlflow.{name}.example.com', { name: 3 }),
    ).toBeUndefined();
    expect(deriveDefault('{a}-{b}', { a: 'x' })).toBeUndefined();
  });
});
