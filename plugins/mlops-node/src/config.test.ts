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
      maxConcurrentRequests: 8,
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
          mlops: {
            mlflow: { instances: [{ name: 'a', baseUrl: 'file:///etc' }] },
          },
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
          upstreams: {
            mlflow: { timeoutMs: 2000, cacheTtlSeconds: 0 },
            kubernetes: { cacheTtlSeconds: 5 },
          },
        },
      }),
    );
    expect(config.upstreams).toEqual({
      mlflow: { timeoutMs: 2000, cacheTtlSeconds: 0 },
      kubernetes: { timeoutMs: undefined, cacheTtlSeconds: 5 },
    });
    expect(config.demoSourceDir).toBe('../examples/x');
    expect(() =>
      readMlopsConfig(
        new ConfigReader({
          mlops: { upstreams: { source: { timeoutMs: 0 } } },
        }),
      ),
    ).toThrow(/upstreams.source.timeoutMs must be a positive number/);
  });

  const instanceOf = (instance: Record<string, unknown>) =>
    readMlopsConfig(
      new ConfigReader({
        mlops: { mlflow: { instances: [{ name: 'x', ...instance }] } },
      }),
    ).mlflow.instances[0];

  it('reads basic auth, a workspace and the concurrency limit', () => {
    expect(
      instanceOf({
        baseUrl: 'https://mlflow.example.com',
        username: 'admin',
        password: 'pa ss',
        workspace: 'risk',
        maxConcurrentRequests: 2,
      }),
    ).toEqual({
      name: 'x',
      baseUrl: 'https://mlflow.example.com',
      basicAuth: { username: 'admin', password: 'pa ss' },
      workspace: 'risk',
      maxConcurrentRequests: 2,
      uiUrl: 'https://mlflow.example.com',
    });
  });

  it('takes credentials out of baseUrl and uses them as basic auth, never in the URLs', () => {
    const instance = instanceOf({
      baseUrl: 'https://admin:s%40cret@mlflow.example.com/',
    });
    expect(instance.basicAuth).toEqual({
      username: 'admin',
      password: 's@cret',
    });
    expect(instance.baseUrl).toBe('https://mlflow.example.com');
    expect(instance.uiUrl).toBe('https://mlflow.example.com');
    expect(JSON.stringify(instance.baseUrl + instance.uiUrl)).not.toContain(
      'cret',
    );
  });

  it('refuses credentials given twice or half, a bad workspace and a bad limit, without quoting the secret', () => {
    const refusal = (instance: Record<string, unknown>) => {
      try {
        instanceOf({ baseUrl: 'https://mlflow.example.com', ...instance });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ username: 'admin' })).toMatch(
      /username and password go together/,
    );
    expect(refusal({ password: 'hunter2' })).toMatch(
      /username and password go together/,
    );
    expect(
      refusal({ username: 'admin', password: 'hunter2', token: 'tok-secret' }),
    ).toMatch(/either token or username/);
    expect(
      refusal({
        baseUrl: 'https://a:hunter2@mlflow.example.com',
        username: 'b',
        password: 'c',
      }),
    ).toMatch(/both in baseUrl and as username/);
    expect(
      refusal({
        baseUrl: 'https://a:hunter2@mlflow.example.com',
        token: 'tok-secret',
      }),
    ).toMatch(/either token/);
    expect(refusal({ workspace: 'risk team' })).toMatch(
      /workspace must be a workspace name/,
    );
    expect(refusal({ maxConcurrentRequests: 0 })).toMatch(/positive number/);
    expect(refusal({ maxConcurrentRequests: 1.5 })).toMatch(/whole number/);
    for (const message of [
      refusal({ username: 'admin', password: 'hunter2', token: 'tok-secret' }),
      refusal({
        baseUrl: 'https://a:hunter2@mlflow.example.com',
        token: 'tok-secret',
      }),
    ]) {
      expect(message).not.toMatch(/hunter2|tok-secret/);
    }
    expect(refusal({ token: 'tok-secret' })).toBe('accepted');
    const inUi = refusal({ uiUrl: 'https://admin:hunter2@mlflow.example.com' });
    expect(inUi).toMatch(/uiUrl must not hold credentials/);
    expect(inUi).not.toContain('hunter2');
  });
});
