import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'yaml';
import {
  addProjectToKustomization,
  kustomizationListsProject,
  ProjectRegistration,
  renderProjectFiles,
} from './manifests';
import { readPlatformRepoConfig } from './platformConfig';

const platform = readPlatformRepoConfig(
  new ConfigReader({
    mlops: {
      platform: {
        repoUrl: 'https://github.com/acme/platform-gitops',
        rbac: { groupPrefix: 'oidc:' },
      },
    },
  }),
)!;

const project: ProjectRegistration = {
  projectName: 'churn',
  namespace: 'ml-churn',
  owner: 'group:default/ml-team',
  repoCloneUrl: 'https://github.com/acme/churn.git',
  gitopsEngine: 'argocd',
  gpuQuota: 2,
};

/** Builds the rendered platform repo with kubectl's built-in kustomize. */
function kustomize(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'platform-repo-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const out = execFileSync(
      process.env.KUBECTL ?? 'kubectl',
      ['kustomize', join(dir, 'projects')],
      { encoding: 'utf8' },
    );
    return yaml.parseAllDocuments(out).map(d => d.toJS());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderProjectFiles', () => {
  it.each(['argocd', 'flux'] as const)(
    'renders a %s registration that kustomize builds',
    engine => {
      const files = {
        ...renderProjectFiles({ ...project, gitopsEngine: engine }, platform),
        'projects/kustomization.yaml': addProjectToKustomization(
          undefined,
          'churn',
          'projects/kustomization.yaml',
        ),
      };
      const kinds = kustomize(files).map(
        m => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`,
      );
      expect(kinds.sort()).toEqual(
        (engine === 'argocd'
          ? ['Application/argocd/churn']
          : [
              'GitRepository/flux-system/churn',
              'Kustomization/flux-system/churn',
            ]
        )
          .concat([
            'Namespace//ml-churn',
            'ResourceQuota/ml-churn/gpu-quota',
            'RoleBinding/ml-churn/churn-owners',
          ])
          .sort(),
      );
    },
  );

  it('binds the owning group with the configured prefix and ClusterRole', () => {
    const rbac = yaml.parse(
      renderProjectFiles(project, platform)['projects/churn/rbac.yaml'],
    );
    expect(rbac.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'edit',
    });
    expect(rbac.subjects).toEqual([
      {
        kind: 'Group',
        apiGroup: 'rbac.authorization.k8s.io',
        name: 'oidc:ml-team',
      },
    ]);
  });
});

describe('addProjectToKustomization', () => {
  const path = 'projects/kustomization.yaml';

  it('appends the project and keeps comments and other fields', () => {
    const text =
      '# projects\nresources:\n  - a # first\ncommonLabels:\n  team: platform\n';
    expect(addProjectToKustomization(text, 'churn', path)).toBe(
      '# projects\nresources:\n  - a # first\n  - churn\ncommonLabels:\n  team: platform\n',
    );
  });

  it.each(['churn', './churn', 'churn/', './churn/'])(
    'leaves a list holding %j unchanged',
    entry => {
      const text = `resources:\n  - ${entry}\n`;
      expect(addProjectToKustomization(text, 'churn', path)).toBe(text);
      expect(kustomizationListsProject(text, 'churn')).toBe(true);
    },
  );

  it('does not mistake a longer name for the project', () => {
    expect(kustomizationListsProject('resources: [churn-v2]\n', 'churn')).toBe(
      false,
    );
    expect(
      addProjectToKustomization('resources: [churn-v2]\n', 'churn', path),
    ).toBe('resources: [ churn-v2, churn ]\n');
  });

  it('adds a resources list where there is none', () => {
    expect(
      yaml.parse(
        addProjectToKustomization('kind: Kustomization\n', 'churn', path),
      ),
    ).toEqual({
      kind: 'Kustomization',
      resources: ['churn'],
    });
  });

  it('refuses text that is not a YAML mapping', () => {
    expect(() =>
      addProjectToKustomization('- a\n- b\n', 'churn', path),
    ).toThrow(
      'projects/kustomization.yaml in the platform repository is not a YAML mapping',
    );
    expect(() =>
      addProjectToKustomization('resources: [a\n', 'churn', path),
    ).toThrow(/not a YAML mapping/);
  });
});
