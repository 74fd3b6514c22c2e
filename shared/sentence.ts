/**
 * A message as the window shows it: a capital first letter, unless it starts with a file name
 * or path ("orders.csv is empty" keeps its lower-case o). Main's error envelopes and the
 * renderer's saved upload errors go through the same rule.
 */
export function capitalizeSentence(message: string): string {
  const first = message.split(' ', 1)[0] ?? '';
  if (/[./\\]/.test(first)) return message;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
