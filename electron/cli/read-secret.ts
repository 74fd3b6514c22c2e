/** Reads a secret from standard input: piped, or typed without echo on a terminal. */
import type { CommandContext } from './context';

export async function readSecret(context: CommandContext, prompt: string): Promise<string> {
  const input = context.stdin as NodeJS.ReadStream;
  if (input.isTTY && typeof input.setRawMode === 'function') {
    return readHidden(input, context, prompt);
  }
  let text = '';
  for await (const chunk of input) text += String(chunk);
  // A trailing newline from `echo` or a file is not part of the key.
  return text.replace(/\r?\n$/, '');
}

function readHidden(input: NodeJS.ReadStream, context: CommandContext, prompt: string) {
  context.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise<string>((resolve) => {
    let value = '';
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          context.stderr.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    input.on('data', onData);
  });
}
