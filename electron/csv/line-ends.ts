/**
 * Line ends made uniform before parsing, so that one file may mix CRLF, LF and lone CR.
 */

/**
 * Turns CRLF and lone CR into LF in text that arrives chunk by chunk. A CR at the end of a chunk
 * is held back until the next chunk shows whether an LF follows, so that a CRLF split between two
 * chunks stays one line end.
 *
 * The parser takes a single newline string, and exports mix them: a CRLF header written by one
 * tool with LF rows appended by another, or a lone CR from an old Mac export pasted in. Splitting
 * on one kind merged the rows with the other into ragged rows. Normalizing everywhere, inside
 * quotes too, keeps this independent of quote state, which malformed files get wrong: a line
 * break inside a quoted cell therefore comes out as LF whatever it was in the file.
 */
export class LineEndNormalizer {
  private heldCr = false;

  write(text: string): string {
    let input = this.heldCr ? `\r${text}` : text;
    this.heldCr = input.endsWith('\r');
    if (this.heldCr) input = input.slice(0, -1);
    return input.includes('\r') ? input.replace(CR_LINE_END, '\n') : input;
  }

  /** At the end of the file: a held CR is a line end of its own. */
  end(): string {
    const rest = this.heldCr ? '\n' : '';
    this.heldCr = false;
    return rest;
  }
}

const CR_LINE_END = /\r\n?/g;
