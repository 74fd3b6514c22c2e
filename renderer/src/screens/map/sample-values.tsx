import { TruncatedText } from '../../components/truncated-text';

/** A column's first values beside its picker, so the user sees what the column holds. */
export function SampleValues({ values, label }: { values: string[]; label: string }) {
  if (values.length === 0)
    return <span className="muted sample-values__none">No values in the first rows</span>;
  return (
    <ul className="sample-values" aria-label={label}>
      {values.map((value) => (
        <li key={value} className="sample-values__item">
          <TruncatedText text={value} />
        </li>
      ))}
    </ul>
  );
}
