import { z } from 'zod';

import { writeTransaction } from './context';
import { DEFAULT_SETTINGS } from './types';
import { parseInput } from './validation';

import type { StoreContext } from './context';
import type { Settings } from './types';

/** The user's settings, stored one key per row over DEFAULT_SETTINGS. */
export interface SettingsRepository {
  /** The stored settings over the defaults; a stored value failing validation reads as default. */
  get(): Settings;
  /** Validates and stores `patch`, and returns the settings after it. Bad values change nothing. */
  update(patch: Partial<Settings>): Settings;
}

/** What each setting accepts; the IPC layer can check a patch with it before calling `update`. */
export const settingsSchema = z.strictObject({
  defaultTimeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
    // Stored in canonical spelling ("utc" → "UTC"), as the pipeline will compare it.
    .transform(
      (zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone,
    ),
  logRetentionDays: z
    .number()
    .int('must be a whole number of days')
    .min(0, 'must be 0 (keep forever) or more')
    .max(3650, 'must be at most 3650 days'),
  // Cadent takes at most 1,000 events per request.
  batchSize: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
  concurrency: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(8, 'must be at most 8'),
}) satisfies z.ZodType<Settings>;

/** Builds the settings repository over an open store. */
export function createSettingsRepository(context: StoreContext): SettingsRepository {
  const { db } = context;
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const put = db.prepare<[string, string]>(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );

  function get(): Settings {
    const settings: Settings = { ...DEFAULT_SETTINGS };
    for (const { key, value } of all.all()) {
      if (!isSettingKey(key)) continue;
      const parsed = settingsSchema.shape[key].safeParse(parseJson(value));
      // A hand-edited or stale row must not keep the app from starting.
      if (parsed.success) Object.assign(settings, { [key]: parsed.data });
    }
    return settings;
  }

  return {
    get,

    update(patch) {
      const changes = parseInput(settingsSchema.partial(), patch, 'settings');
      return writeTransaction(context, () => {
        for (const [key, value] of Object.entries(changes)) {
          if (value !== undefined) put.run(key, JSON.stringify(value));
        }
        return get();
      });
    },
  };
}

function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(DEFAULT_SETTINGS, key);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
