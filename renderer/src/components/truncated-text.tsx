/** Text cut with an ellipsis where it does not fit; the whole of it is in the tooltip. */
export function TruncatedText({ text, className }: { text: string; className?: string }) {
  return (
    <span className={`truncate${className ? ` ${className}` : ''}`} title={text}>
      {text}
    </span>
  );
}
