// Bundles the main process, the preload and the pipeline worker into dist/electron/ with
// esbuild, then checks each output parses. Run by `npm run build:electron`.
//
// Every output is CommonJS with a .cjs name: package.json says "type": "module", so a .js
// file would be read as ESM. CommonJS because a sandboxed preload can only be a script, and
// because the npm dependencies bundled here (papaparse, iconv-lite) are CommonJS themselves.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist', 'electron');

// Native modules load their .node binaries from node_modules (unpacked from the asar), and
// electron is the runtime itself: none of them can be bundled.
const NATIVE = ['electron', 'better-sqlite3', 'keytar'];

// Electron 45 runs Node 22 in the main process and Chromium 140 in the renderer.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

// `import.meta.url` is empty in CommonJS output; the pipeline runner finds its worker from
// it. Each Node bundle gets its own file's URL instead, so `new URL('./x', import.meta.url)`
// still resolves next to the bundle.
const importMetaUrl = {
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** Each entry, where it goes, and how it runs. */
const BUNDLES = [
  {
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    platform: 'node',
    target: NODE_TARGET,
    ...importMetaUrl,
  },
  {
    // The renderer-side script: a browser platform, so a Node built-in slipping in fails here
    // rather than in the sandbox, whose `require` knows only electron and a few polyfills.
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    platform: 'browser',
    target: CHROME_TARGET,
  },
  {
    // Found by pipeline-runner next to main.cjs.
    entryPoints: ['electron/pipeline/pipeline-worker.ts'],
    outfile: 'dist/electron/pipeline-worker.cjs',
    platform: 'node',
    target: NODE_TARGET,
    ...importMetaUrl,
  },
];

fs.rmSync(outDir, { recursive: true, force: true });

for (const bundle of BUNDLES) {
  const result = await build({
    ...bundle,
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
  const file = path.join(root, outfile);
  if (!fs.existsSync(file)) fail(`${outfile} was not written`);
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  if (check.status !== 0) fail(`${outfile} does not parse:\n${check.stderr}`);
  const kib = (fs.statSync(file).size / 1024).toFixed(0);
  console.log(`${outfile}  ${kib} KiB`);
}

function fail(message) {
  console.error(`build-electron: ${message}`);
  process.exit(1);
}
