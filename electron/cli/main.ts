/**
 * The `cadent-uploader` command: the desktop app's pipeline, headless, for scheduled jobs.
 * It shares the keychain entry, the database and the request log with the app.
 */
import { INSPECT_HELP, inspectCommand } from './commands/inspect';
import { connectionsCommand, KEY_HELP, keyCommand } from './commands/key';
import { LOG_HELP, logCommand } from './commands/log';
import { MAPPING_HELP, mappingCommand } from './commands/mapping';
import { PREVIEW_HELP, previewCommand } from './commands/preview';
import { REJECTED_HELP, rejectedCommand } from './commands/rejected';
import { UPLOAD_HELP, uploadCommand } from './commands/upload';
import { UPLOADS_HELP, uploadsCommand } from './commands/uploads';
import { createContext } from './context';
import { describeFailure, UsageError } from './errors';

import type { CliIo, CommandContext } from './context';

type Command = (argv: string[], context: CommandContext) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  key: { run: keyCommand, help: KEY_HELP },
  connections: { run: connectionsCommand, help: KEY_HELP },
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  mapping: { run: mappingCommand, help: MAPPING_HELP },
  preview: { run: previewCommand, help: PREVIEW_HELP },
  upload: { run: uploadCommand, help: UPLOAD_HELP },
  uploads: { run: uploadsCommand, help: UPLOADS_HELP },
  rejected: { run: rejectedCommand, help: REJECTED_HELP },
  log: { run: logCommand, help: LOG_HELP },
};

const USAGE = `Usage: cadent-uploader COMMAND [options]   (every command takes --data-dir DIR)

${Object.values(COMMANDS)
  .map((command) => command.help)
  .filter((help, index, all) => all.indexOf(help) === index)
  .join('\n')}

Exit status: 0 all sent, 1 some rows were rejected or not sent, 2 a usage or input error.
Headless jobs can pass the API key in CADENT_API_KEY instead of the keychain.`;

/** Runs one command line; returns the exit status, never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const dataDir = dataDirOf(argv);
  const [name, ...rest] = withoutDataDir(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  const context = createContext(io, dataDir);
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (see cadent-uploader --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(rest, context);
  } catch (error) {
    const failure = describeFailure(error);
    context.err(`cadent-uploader: ${failure.line}`);
    if (io.env.CADENT_DEBUG && error instanceof Error && error.stack) context.err(error.stack);
    return failure.exitCode;
  } finally {
    context.close();
  }
}

/** `--data-dir` is common to all commands, so it is taken out before a command parses. */
function dataDirOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

function withoutDataDir(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      i += 1;
      continue;
    }
    if (!arg.startsWith('--data-dir=')) out.push(arg);
  }
  return out;
}
