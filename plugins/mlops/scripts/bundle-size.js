#!/usr/bin/env node
/*
 * Measures the production bundle of this plugin's own code: both entry points
 * (`src/index.ts`, `src/alpha.ts`) bundled, minified and code-split with
 * esbuild, everything an app already ships left external (React, Material UI,
 * @backstage/*, react-use, react-router). Our own workspace code
 * (@mlops-portal/plugin-mlops-common) is bundled in. Prints each chunk and the
 * gzipped totals: all chunks, and what an app loads for the plugin before
 * any card or tab is shown (each entry with its static imports; the cards,
 * the tab and their charts are dynamic-import chunks).
 *
 * Usage: node scripts/bundle-size.js [--json]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const esbuild = require('esbuild');

const print = line => process.stdout.write(`${line}\n`);

const root = path.resolve(__dirname, '..');
const appShipped = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-router',
  'react-router-dom',
  '@material-ui/*',
  '@backstage/*',
  'react-use',
  'react-use/*',
];

async function main() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-bundle-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { index: 'src/index.ts', alpha: 'src/alpha.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: 'es2022',
      jsx: 'automatic',
      platform: 'browser',
      outdir,
      metafile: true,
      external: appShipped,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const outputs = result.metafile.outputs;
    const entryFiles = Object.keys(outputs).filter(file =>
      ['src/index.ts', 'src/alpha.ts'].includes(outputs[file].entryPoint),
    );
    // What loading an entry pulls in at once: its static imports, transitively.
    const eager = new Set();
    const visit = file => {
      if (eager.has(file)) return;
      eager.add(file);
      for (const imported of outputs[file].imports) {
        if (imported.kind === 'import-statement' && !imported.external) {
          visit(imported.path);
        }
      }
    };
    entryFiles.forEach(visit);
    const chunks = Object.keys(outputs)
      .filter(file => file.endsWith('.js'))
      .map(file => {
        const code = fs.readFileSync(path.resolve(root, file));
        return {
          file: path.basename(file),
          eager: eager.has(file),
          bytes: code.length,
          gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
        };
      })
      .sort((a, b) => b.gzipBytes - a.gzipBytes);
    const sum = (list, key) => list.reduce((n, c) => n + c[key], 0);
    const report = {
      date: new Date().toISOString().slice(0, 10),
      chunks,
      totalBytes: sum(chunks, 'bytes'),
      totalGzipBytes: sum(chunks, 'gzipBytes'),
      eagerGzipBytes: sum(
        chunks.filter(c => c.eager),
        'gzipBytes',
      ),
      targetGzipBytes: 200 * 1024,
    };
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const kb = n => `${(n / 1024).toFixed(1)} KB`;
      for (const c of chunks) {
        print(
          `${c.eager ? 'eager' : 'lazy '}  ${c.file.padEnd(28)} ${kb(
            c.bytes,
          ).padStart(10)}  gzip ${kb(c.gzipBytes).padStart(9)}`,
        );
      }
      print(
        `total (own code, minified): ${kb(report.totalBytes)}, gzipped ${kb(
          report.totalGzipBytes,
        )} (target < 200 KB)`,
      );
      print(
        `loaded before any card or tab (entries + static imports, gzipped): ${kb(
          report.eagerGzipBytes,
        )}`,
      );
    }
    if (report.totalGzipBytes > report.targetGzipBytes) process.exitCode = 1;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
