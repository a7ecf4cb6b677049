import { ConfigReader } from '@backstage/config';
import { readMlopsConfig, selectMlflowInstance } from './config';

describe('readMlopsConfig', () => {
  it('gives an empty configuration when mlops is absent', () => {
    const config = readMlopsConfig(new ConfigReader({}));
    expect(config.mlflow.instances).toEqual([]);
    expect(config.demo).toBe(false);
    expect(config.timeoutMs).toBe(10_000);
  });

  it('reads instances and defaults the UI URL to the API URL', () => {
    const config = readMlopsConfig(
      new ConfigReader({
        mlops: {
          mlflow: {
            instances: [
              { name: 'default', baseUrl: 'https://mlflow.example.com/' },
              {
                name: 'databricks',
                baseUrl: 'https://dbc.example.com',
                token: 'secret-token',
                uiUrl: 'https://dbc.example.com/ml',
              },
            ],
          },
        },
      }),
    );
    expect(config.mlflow.defaultInstance).toBe('default');
    expect(config.mlflow.instances[0]).toEqual({
      name: 'default',
      baseUrl: 'https://mlflow.example.com',
      token: undefined,
      uiUrl: 'https://mlflow.example.com',
    });
    expect(selectMlflowInstance(config, 'databricks')?.token).toBe(
      'secret-token',
    );
    expect(selectMlflowInstance(config, 'elsewhere')).toBeUndefined();
  });

  it('refuses a non-http URL, a duplicate name and an unknown default', () => {
    expect(() =>
      readMlopsConfig(
        new ConfigReader({
          mlops: { mlflow: { instances: [{ name: 'a', baseUrl: 'file:///etc' }] } },
        }),
      ),
    ).toThrow(/baseUrl must be an http\(s\) URL/);
    expect(() =>
      readMlopsConfig(
        new ConfigReader({
          mlops: {
            mlflow: {
              instances: [
                { name: 'a', baseUrl: 'http://a' },
                { name: 'a', baseUrl: 'http://b' },
              ],
            },
          },
        }),
      ),
    ).toThrow(/used twice/);
    expect(() =>
      readMlopsConfig(
        new ConfigReader({
          mlops: {
            mlflow: {
              defaultInstance: 'b',
              instances: [{ name: 'a', baseUrl: 'http://a' }],
            },
          },
        }),
      ),
    ).toThrow(/defaultInstance 'b'/);
  });

  it('reads per-upstream overrides and the demo source folder, and refuses a non-positive timeout', () => {
    const config = readMlopsConfig(
      new ConfigReader({
        mlops: {
          demoSourceDir: '../examples/x',
          upstreams: { mlflow: { timeoutMs: 2000, cacheTtlSeconds: 0 }, kubernetes: { cacheTtlSeconds: 5 } },
        },
      }),
    );
    expect(config.upstreams).toEqual({
      mlflow: { timeoutMs: 2000, cacheTtlSeconds: 0 },
      kubernetes: { timeoutMs: undefined, cacheTtlSeconds: 5 },
    });
    expect(config.demoSourceDir).toBe('../examples/x');
    expect(() =>
      readMlopsConfig(new ConfigReader({ mlops: { upstreams: { source: { timeoutMs: 0 } } } })),
    ).toThrow(/upstreams.source.timeoutMs must be a positive number/);
  });
});
