interface ProgressBarProps {
  label: string;
  /** Done so far; with `max` null the bar is indeterminate. */
  value: number;
  max: number | null;
}

export function ProgressBar({ label, value, max }: ProgressBarProps) {
  const known = max !== null && max > 0;
  return (
    <progress
      className="progress"
      aria-label={label}
      value={known ? Math.min(value, max) : undefined}
      max={known ? max : undefined}
    />
  );
}
