import { mlProjectConditionHolds, mlProjectParts } from './parts';

describe('ML_PROJECT_PARTS', () => {
  it('gives an eksctl, S3, Argo CD, GitHub project its parts; absent serving means the Deployment', () => {
    expect(
      mlProjectParts({
        storage: 's3',
        mlflowExposure: 'nodeport',
        gitopsEngine: 'argocd',
        canary: 'none',
        repoHost: 'github.com',
      }),
    ).toEqual([
      'eksctl',
      's3',
      'argocd',
      'serving-service',
      'serving-deployment',
      'gateway',
      'cert-manager',
      'github-actions',
    ]);
  });

  it("moves the bucket to Terraform and brings Flux's platform Kustomization only with a per-project orchestrator", () => {
    const flux = {
      infrastructure: 'terraform',
      storage: 's3',
      gitopsEngine: 'flux',
      canary: 'none',
      repoHost: 'gitlab.com',
    };
    expect(mlProjectParts(flux)).not.toContain('s3');
    expect(mlProjectParts(flux)).not.toContain('flux-platform');
    // A shared operator (Strimzi) is the cluster layer's: no platform Kustomization for it.
    expect(mlProjectParts({ ...flux, streaming: true })).not.toContain(
      'flux-platform',
    );
    expect(mlProjectParts({ ...flux, orchestration: 'airflow' })).toEqual(
      expect.arrayContaining([
        'terraform',
        'flux',
        'airflow',
        'flux-platform',
        'gitlab-ci',
      ]),
    );
  });

  it('brings cert-manager with a Gateway or KServe, the NVIDIA device plugin with GPU nodes', () => {
    const rayServe = { serving: 'ray-serve', mlflowExposure: 'nodeport' };
    expect(mlProjectParts(rayServe)).not.toContain('cert-manager');
    expect(
      mlProjectParts({ ...rayServe, mlflowExposure: 'ingress' }),
    ).toContain('cert-manager');
    expect(mlProjectParts({ ...rayServe, serving: 'kserve' })).toContain(
      'cert-manager',
    );
    expect(mlProjectParts(rayServe)).not.toContain('gpu');
    expect(mlProjectParts({ ...rayServe, gpuEnabled: true })).toContain('gpu');
  });

  it('evaluates conditions with defaults, patterns and combinations', () => {
    expect(
      mlProjectConditionHolds({ field: 'infrastructure', is: ['eksctl'] }, {}),
    ).toBe(true);
    expect(
      mlProjectConditionHolds({ field: 'observability', is: [true] }, {}),
    ).toBe(false);
    expect(
      mlProjectConditionHolds(
        { field: 'repoHost', matches: '^gitlab' },
        { repoHost: 'gitlab.example.com' },
      ),
    ).toBe(true);
    expect(
      mlProjectConditionHolds({ field: 'repoHost', matches: '^gitlab' }, {}),
    ).toBe(false);
    expect(
      mlProjectConditionHolds(
        {
          all: [
            { not: { field: 'canary', is: ['none'] } },
            {
              any: [
                { field: 'a', is: ['x'] },
                { field: 'b', is: [true] },
              ],
            },
          ],
        },
        { canary: 'flagger', b: true },
      ),
    ).toBe(true);
  });
});
