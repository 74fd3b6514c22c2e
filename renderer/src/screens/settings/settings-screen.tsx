import { useEffect, useId, useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { Loading } from '../../components/loading';
import { ErrorNotice, Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { useLoad } from '../../hooks/use-load';
import { timeZoneNames } from '../../time-zones';

import type { SettingsView } from '../../../../shared/ipc-api';
import type { FormEvent } from 'react';

interface SettingsForm {
  defaultTimeZone: string;
  logRetentionDays: string;
  batchSize: string;
  concurrency: string;
}

/** The default time zone, log retention, and (advanced) batch size and concurrency. */
export function SettingsScreen() {
  const settings = useLoad(() => call('getSettings'), []);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; message: string } | null>(
    null,
  );
  const ids = { zone: useId(), retention: useId(), batch: useId(), concurrency: useId() };

  useEffect(() => {
    if (settings.value) setForm(toForm(settings.value));
  }, [settings.value]);

  if (settings.status === 'error' && !form) {
    return (
      <div className="screen">
        <PageHeader title="Settings" />
        <ErrorNotice title="The settings could not be read" message={settings.error} />
      </div>
    );
  }
  if (!form) {
    return (
      <div className="screen">
        <PageHeader title="Settings" />
        <Loading label="Reading settings…" />
      </div>
    );
  }

  const errors = validate(form);
  const set = (change: Partial<SettingsForm>) => {
    setOutcome(null);
    setForm({ ...form, ...change });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    setOutcome(null);
    try {
      const saved = await call('updateSettings', {
        defaultTimeZone: form.defaultTimeZone,
        logRetentionDays: Number(form.logRetentionDays),
        batchSize: Number(form.batchSize),
        concurrency: Number(form.concurrency),
      });
      setForm(toForm(saved));
      setOutcome({ ok: true });
    } catch (error) {
      setOutcome({ ok: false, message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="screen screen--narrow">
      <PageHeader
        title="Settings"
        description="Shared with the command-line tool on this computer."
      />
      <form className="card section form" onSubmit={(event) => void save(event)} noValidate>
        <div className="field">
          <label htmlFor={ids.zone} className="field__label">
            Default time zone
          </label>
          <select
            id={ids.zone}
            className="input"
            value={form.defaultTimeZone}
            onChange={(event) => set({ defaultTimeZone: event.target.value })}
          >
            {timeZoneNames(form.defaultTimeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <p className="field__help">
            For event times written without a UTC offset, unless the mapping says otherwise.
          </p>
        </div>
        <NumberField
          id={ids.retention}
          label="Keep the request log for (days)"
          value={form.logRetentionDays}
          error={errors.logRetentionDays}
          help="Older entries are deleted. 0 keeps every entry."
          min={0}
          max={3650}
          onChange={(value) => set({ logRetentionDays: value })}
        />
        <details className="disclosure">
          <summary className="disclosure__summary">Advanced</summary>
          <div className="form">
            <NumberField
              id={ids.batch}
              label="Batch size (events per request)"
              value={form.batchSize}
              error={errors.batchSize}
              help="Cadent takes at most 1,000 events per request."
              min={1}
              max={1000}
              onChange={(value) => set({ batchSize: value })}
            />
            <NumberField
              id={ids.concurrency}
              label="Concurrency (requests at once)"
              value={form.concurrency}
              error={errors.concurrency}
              help="More is faster until Cadent starts answering 429 (slow down)."
              min={1}
              max={8}
              onChange={(value) => set({ concurrency: value })}
            />
          </div>
        </details>
        {outcome?.ok ? <Notice tone="success" title="Settings saved" /> : null}
        {outcome && !outcome.ok ? (
          <ErrorNotice title="The settings were not saved" message={outcome.message} />
        ) : null}
        <div className="section__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={saving || Object.keys(errors).length > 0}
          >
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
    </div>
  );
}

function NumberField({
  id,
  label,
  value,
  error,
  help,
  min,
  max,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  help: string;
  min: number;
  max: number;
  onChange: (value: string) => void;
}) {
  const helpId = `${id}-help`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className={`input input--number${error ? ' input--invalid' : ''}`}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={helpId}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={helpId} className={error ? 'field__help field__help--error' : 'field__help'}>
        {error ?? help}
      </p>
    </div>
  );
}

function toForm(settings: SettingsView): SettingsForm {
  return {
    defaultTimeZone: settings.defaultTimeZone,
    logRetentionDays: String(settings.logRetentionDays),
    batchSize: String(settings.batchSize),
    concurrency: String(settings.concurrency),
  };
}

function validate(form: SettingsForm): Partial<Record<keyof SettingsForm, string>> {
  const errors: Partial<Record<keyof SettingsForm, string>> = {};
  const check = (key: keyof SettingsForm, min: number, max: number) => {
    const value = Number(form[key]);
    if (form[key].trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      errors[key] = `A whole number from ${min} to ${max}.`;
    }
  };
  check('logRetentionDays', 0, 3650);
  check('batchSize', 1, 1000);
  check('concurrency', 1, 8);
  return errors;
}
