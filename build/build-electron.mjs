// Bundles the main process, the preload and the pipeline worker into dist/electron/ with
// esbuild, then checks each output parses. Run by `npm run build:electron`; `--out DIR`
// writes elsewhere (the bundle tests build into a scratch folder).
//
// Every output is CommonJS with a .cjs name: package.json says "type": "module", so a .js
// file would be read as ESM. CommonJS because a sandboxed preload can only be a script, and
// because the npm dependencies bundled here (papaparse, iconv-lite) are CommonJS themselves.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = path.resolve(root, args.out ?? path.join('dist', 'electron'));

// Native modules load their .node binaries from node_modules (unpacked from the asar), and
// electron is the runtime itself: none of them can be bundled.
const NATIVE = ['electron', 'better-sqlite3', 'keytar'];

// Floors, not exact versions: Electron 45 ships a newer Node and Chromium than these, and
// esbuild then keeps every syntax both understand as it is.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

// `import.meta.url` is empty in CommonJS output; the pipeline runner finds its worker from
// it. Each Node bundle gets its own file's URL instead, so `new URL('./x', import.meta.url)`
// still resolves next to the bundle.
//
// And `import('keytar')` (loaded lazily) becomes a plain require: a native module then loads
// through the CommonJS loader, which knows the asar's unpacked folder.
const nodeBundle = {
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  supported: { 'dynamic-import': false },
};

/** Each entry, where it goes, and how it runs. */
const BUNDLES = [
  {
    entryPoints: ['electron/main.ts'],
    outfile: 'main.cjs',
    platform: 'node',
    target: NODE_TARGET,
    ...nodeBundle,
  },
  {
    // The renderer-side script: a browser platform, so a Node built-in slipping in fails here
    // rather than in the sandbox, whose `require` knows only electron and a few polyfills.
    entryPoints: ['electron/preload.ts'],
    outfile: 'preload.cjs',
    platform: 'browser',
    target: CHROME_TARGET,
  },
  {
    // Found by pipeline-runner next to main.cjs.
    entryPoints: ['electron/pipeline/pipeline-worker.ts'],
    outfile: 'pipeline-worker.cjs',
    platform: 'node',
    target: NODE_TARGET,
    ...nodeBundle,
  },
];

// Only our own files: `--out` may name a folder that holds other things.
for (const { outfile } of BUNDLES) {
  for (const stale of [outfile, `${outfile}.map`]) {
    fs.rmSync(path.join(outDir, stale), { force: true });
  }
}

for (const bundle of BUNDLES) {
  const result = await build({
    ...bundle,
    outfile: path.join(outDir, bundle.outfile),
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    external: NATIVE,
    sourcemap: 'linked',
    // Readable stack traces from a user's crash report matter more than a few kilobytes.
    minify: false,
    logLevel: 'warning',
  }).catch(() => fail(`${bundle.outfile} did not build`));
  // A warning here is a bundle that would fail at run time (a missing export, an empty
  // import.meta, a require that cannot resolve): stop rather than ship it.
  if (result.warnings.length > 0) fail(`${bundle.outfile}: esbuild warned, see above`);
}

for (const { outfile } of BUNDLES) {
  const file = path.join(outDir, outfile);
  if (!fs.existsSync(file)) fail(`${outfile} was not written`);
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  if (check.status !== 0) fail(`${outfile} does not parse:\n${check.stderr}`);
  const kib = (fs.statSync(file).size / 1024).toFixed(0);
  console.log(`${path.relative(root, file)}  ${kib} KiB`);
}

function fail(message) {
  console.error(`build-electron: ${message}`);
  process.exit(1);
}
