let cached: string[] | null = null;

/** Every IANA zone the runtime knows, UTC first, with `current` included even if unknown. */
export function timeZoneNames(current?: string): string[] {
  cached ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  if (current && !cached.includes(current)) return [current, ...cached];
  return cached;
}
