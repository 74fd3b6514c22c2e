#!/usr/bin/env node
// The command-line entry: runs the TypeScript sources through tsx, so `npx cadent-uploader`
// works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();

// `cadent-uploader log | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C or a scheduler's SIGTERM stops an upload cleanly (journaled, resumable); a second one
// stops at once.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write(`\n${signal}: stopping after the batches in flight…\n`);
    stop.abort();
  });
}

const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: stop.signal,
});
