#!/usr/bin/env node
/* eslint-disable no-console */
// API reports of the plugin packages, as backstage/backstage and
// backstage/community-plugins keep them: `backstage-repo-tools api-reports`
// (API Extractor over the `tsc` declarations in dist-types/) writes each
// entry point's exported API to plugins/<pkg>/report.api.md
// (report-<entry>.api.md for ./alpha, ./testUtils, …).
//
//   node scripts/api-reports.js          regenerates the reports
//                                         (`yarn build:api-reports` runs tsc first)
//   node scripts/api-reports.js --ci [--results <file>]
//                                         fails when a report differs from the
//                                         package's exported API; with --results,
//                                         writes { passed, failed } per package for
//                                         scripts/summarize-test-results.js
//
// Both modes also fail when a report shows `any` in an exported API.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const UPDATE_COMMAND = 'yarn build:api-reports';
// The flags of backstage/backstage's build:api-reports:only: no warnings
// allowed, TSDoc completeness (ae-undocumented) not required, and the
// release tags must match the entry point (@public in index, @alpha in alpha).
const FLAGS = [
  '-o',
  'ae-undocumented,ae-wrong-input-file-type',
  '--validate-release-tags',
];

// `any` that comes from upstream types, not from ours: React's ReactElement
// defaults its type parameters to `any`, and @backstage/plugin-catalog-react's
// entity content icon data ref is `string | ReactElement`.
const UPSTREAM_ANY = ['ReactElement<any, string | JSXElementConstructor<any>>'];

/** The plugin packages that have an API (the roles repo-tools reports). */
function apiPackageDirs() {
  return fs
    .readdirSync(path.join(ROOT, 'plugins'))
    .map(name => `plugins/${name}`)
    .filter(dir => {
      const file = path.join(ROOT, dir, 'package.json');
      if (!fs.existsSync(file)) return false;
      const role = JSON.parse(fs.readFileSync(file, 'utf8')).backstage?.role;
      return Boolean(role) && !['frontend', 'backend', 'cli'].includes(role);
    })
    .sort();
}

function reportFiles(dir) {
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter(f => /^report(-[^.]+)?\.api\.md$/.test(f))
    .map(f => `${dir}/${f}`);
}

/** Lines of a report whose API uses `any` as a type (not as a property name). */
function anyUses(reportText) {
  return reportText
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => {
      if (line.trim().startsWith('//')) return false;
      let code = line;
      for (const upstream of UPSTREAM_ANY) code = code.split(upstream).join('');
      code = code.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''");
      return /\bany\b(?!\??:)/.test(code);
    });
}

/** Runs repo-tools on some packages; returns the ones it finished and its failure. */
function runRepoTools(dirs, ci) {
  const bin = require.resolve(
    '@backstage/repo-tools/bin/backstage-repo-tools',
    {
      paths: [ROOT],
    },
  );
  const args = [bin, 'api-reports', ...FLAGS, ...(ci ? ['--ci'] : []), ...dirs];
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(
    output
      .split('\n')
      .filter(l => !l.startsWith('Analysis will use the bundled TypeScript'))
      .join('\n'),
  );
  const started = [...output.matchAll(/^## Processing (\S+)$/gm)].map(
    m => m[1],
  );
  if (result.status === 0) return { ok: true, finished: started };
  const failedDir = started[started.length - 1];
  // What API Extractor said about the failing package (after its heading).
  const last = failedDir
    ? output.slice(output.lastIndexOf(`## Processing ${failedDir}`))
    : output;
  const reports = [
    ...last.matchAll(
      /(The API report file is missing|You have changed the API signature)[^\n]*?Please copy the file "[^"]*" to "([^"]+)"/g,
    ),
  ].map(([, what, file]) =>
    what.includes('missing')
      ? `an entry point has no API report yet: ${failedDir}/${file}`
      : `its exported API differs from ${failedDir}/${file}`,
  );
  const reason = reports.length
    ? reports.join('; ')
    : last.match(/^error: (.*)$/im)?.[1] ??
      result.error?.message ??
      `exit code ${result.status}`;
  return { ok: false, finished: started.slice(0, -1), failedDir, reason };
}

function main() {
  const argv = process.argv.slice(2);
  const ci = argv.includes('--ci');
  const resultsIndex = argv.indexOf('--results');
  const resultsFile = resultsIndex >= 0 ? argv[resultsIndex + 1] : undefined;

  const dirs = apiPackageDirs();
  const failures = new Map(); // package dir -> reasons

  const missingTypes = dirs.filter(
    dir => !fs.existsSync(path.join(ROOT, 'dist-types', dir, 'src')),
  );
  if (missingTypes.length > 0) {
    for (const dir of missingTypes) {
      failures.set(dir, [
        `no declarations in dist-types/${dir}: run \`yarn tsc\` first (or \`${UPDATE_COMMAND}\`)`,
      ]);
    }
  } else {
    // repo-tools stops at the first package that fails; go on with the rest
    // so every failing package is named.
    let remaining = dirs;
    while (remaining.length > 0) {
      const { ok, finished, failedDir, reason } = runRepoTools(remaining, ci);
      if (ok) break;
      if (!failedDir) {
        // The failure came before any package (bad install, bad config).
        for (const dir of remaining) failures.set(dir, [reason]);
        break;
      }
      failures.set(failedDir, [reason]);
      const done = new Set([...finished, failedDir]);
      const next = remaining.filter(dir => !done.has(dir));
      if (next.length === remaining.length) {
        // Only a package outside the list can fail this way: stop, not loop.
        for (const dir of remaining) failures.set(dir, [reason]);
        break;
      }
      remaining = next;
    }
  }

  for (const dir of dirs) {
    for (const file of reportFiles(dir)) {
      for (const { line, number } of anyUses(
        fs.readFileSync(path.join(ROOT, file), 'utf8'),
      )) {
        const reasons = failures.get(dir) ?? [];
        reasons.push(
          `${file}:${number} uses \`any\` in an exported API (give it a real type): ${line.trim()}`,
        );
        failures.set(dir, reasons);
      }
    }
  }

  console.log('');
  if (failures.size === 0) {
    console.log(
      `API reports: ${dirs.length} packages, ${
        dirs.flatMap(reportFiles).length
      } reports ${ci ? 'match their exported APIs' : 'written'}.`,
    );
  } else {
    for (const [dir, reasons] of failures) {
      const name = JSON.parse(
        fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'),
      ).name;
      console.log(`API report check FAILED for ${name} (${dir}):`);
      for (const reason of reasons) console.log(`  - ${reason}`);
    }
    console.log('');
    console.log(
      `When an exported API changes on purpose, run \`${UPDATE_COMMAND}\` and commit the changed plugins/*/report*.api.md files (see docs/api-reports.md).`,
    );
  }

  if (resultsFile) {
    fs.writeFileSync(
      resultsFile,
      JSON.stringify({
        passed: dirs.length - failures.size,
        failed: failures.size,
      }),
    );
  }
  process.exitCode = failures.size === 0 ? 0 : 1;
}

main();
