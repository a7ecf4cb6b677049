import fs from 'node:fs';
import path from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import { buildKustomization, findObject, repoRoot } from './kustomize';

interface Stage {
  from: string;
  name?: string;
  instructions: Array<{ keyword: string; args: string }>;
}

/** The stages of a Dockerfile, with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = line.match(/^(\w+)\s+(.*)$/) ?? [];
    if (keyword?.toUpperCase() === 'FROM') {
      const [, from, name] = args.match(/^(\S+)(?:\s+AS\s+(\S+))?/i)!;
      stages.push({ from, name, instructions: [] });
    } else if (keyword && stages.length > 0) {
      stages[stages.length - 1].instructions.push({
        keyword: keyword.toUpperCase(),
        args,
      });
    }
  }
  return stages;
}

describe('packages/backend/Dockerfile', () => {
  const stages = parseDockerfile(
    fs.readFileSync(path.join(repoRoot, 'packages/backend/Dockerfile'), 'utf8'),
  );
  const runtime = stages[stages.length - 1];
  const last = (keyword: string) =>
    runtime.instructions.filter(i => i.keyword === keyword).pop()?.args;

  it('builds in stages and keeps build tools out of the runtime image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const runtimeRuns = runtime.instructions.filter(i => i.keyword === 'RUN');
    expect(runtimeRuns.map(r => r.args).join('\n')).not.toMatch(
      /apt-get|build-essential|g\+\+/,
    );
    expect(
      runtime.instructions.filter(i => i.keyword === 'COPY').map(c => c.args),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--from=build .*dist\/bundle/),
      ]),
    );
  });

  it('runs as the unprivileged node user that the Deployment expects (uid 1000)', () => {
    expect(last('USER')).toBe('node');
    const deployment = findObject<IDeployment>(
      buildKustomization('manifests/overlays/prod'),
      'Deployment',
      'mlops-portal',
    );
    expect(deployment.spec!.template.spec!.securityContext!.runAsUser).toBe(
      1000,
    );
  });

  it('ships the config files and the catalog files the production config loads', () => {
    const copied = runtime.instructions
      .filter(i => i.keyword === 'COPY' && !i.args.includes('--from='))
      .flatMap(i =>
        i.args
          .split(/\s+/)
          .filter(a => !a.startsWith('--'))
          .slice(0, -1),
      );
    expect(copied).toEqual(
      expect.arrayContaining([
        'app-config.yaml',
        'app-config.production.yaml',
        'catalog-info.yaml',
        'examples',
        'templates',
      ]),
    );
  });

  it('starts the backend on the production config in production mode', () => {
    expect(JSON.parse(last('CMD')!)).toEqual([
      'node',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ]);
    expect(last('ENV')).toBe('NODE_ENV=production');
    expect(last('EXPOSE')).toBe('7007');
  });

  it('keeps host artefacts and local secrets out of the build context', () => {
    const ignored = fs
      .readFileSync(
        path.join(repoRoot, 'packages/backend/Dockerfile.dockerignore'),
        'utf8',
      )
      .split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining([
        '**/node_modules',
        '.tools',
        '*.local.yaml',
        '.env',
      ]),
    );
  });
});
