import { DEFAULT_SETTINGS, settingsSchema } from '../../shared/settings';

import { writeTransaction } from './context';
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
