import type { ReactNode } from 'react';

interface MapLineProps {
  /** The Cadent field as the user reads it ("Event time"). */
  label: string;
  /** Its key on the wire (`event_time`, `em`). */
  fieldKey: string;
  labelId: string;
  badges?: ReactNode;
  help?: ReactNode;
  children: ReactNode;
  aside?: ReactNode;
  highlighted?: boolean;
}

/** One line of the mapping: the Cadent field on the left, where its value comes from beside it. */
export function MapLine({
  label,
  fieldKey,
  labelId,
  badges,
  help,
  children,
  aside,
  highlighted = false,
}: MapLineProps) {
  return (
    <div
      className={`map-line${highlighted ? ' map-line--highlighted' : ''}`}
      role="group"
      aria-labelledby={labelId}
    >
      <div className="map-line__field">
        <span id={labelId} className="map-line__label">
          {label}
        </span>
        <code className="map-line__key">{fieldKey}</code>
        {badges ? <div className="map-line__badges">{badges}</div> : null}
      </div>
      <div className="map-line__source">
        {children}
        {help ? <div className="map-line__help">{help}</div> : null}
      </div>
      <div className="map-line__aside">{aside}</div>
    </div>
  );
}

/** Column titles above a list of map lines; the lines' own labels carry the meaning. */
export function MapLinesHeader({ source, aside }: { source: string; aside: string }) {
  return (
    <div className="map-lines__head" aria-hidden="true">
      <span>Cadent field</span>
      <span>{source}</span>
      <span>{aside}</span>
    </div>
  );
}
