#!/usr/bin/env node
// The command-line entry: runs the TypeScript sources through tsx, so `npx cadent-uploader`
// works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
