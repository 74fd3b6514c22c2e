import { useId } from 'react';

import { ColumnOptions } from './column-options';

import type { FileView } from '../../../../shared/ipc-api';
import type { Mapping, MappingOptions as Options } from '../../../../shared/mapping';

interface MappingOptionsProps {
  file: FileView;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}

type Switch = 'decimalComma' | 'acceptNonBinaryGender' | 'foldAccents' | 'externalIdLowercase';

const SWITCHES: ReadonlyArray<{ key: Switch; label: string }> = [
  {
    key: 'decimalComma',
    label: 'Decimal comma: read 1.234,50 as 1234.5 in number and money properties',
  },
  {
    key: 'acceptNonBinaryGender',
    label: 'Send non-binary genders as n (Cadent may not accept them)',
  },
  { key: 'foldAccents', label: 'Fold accents before hashing (José → jose)' },
  { key: 'externalIdLowercase', label: 'Lowercase external IDs before hashing' },
];

/**
 * Grouping rows into one event, how numbers and dates of birth are written, and the
 * normalization switches that change hashes (so each is a deliberate choice).
 */
export function MappingOptions({ file, mapping, onChange }: MappingOptionsProps) {
  const titleId = useId();
  const groupId = useId();
  const orderId = useId();
  const prefixId = useId();
  const groupHelpId = useId();
  const setOption = (change: Partial<Options>) =>
    onChange({ ...mapping, options: { ...mapping.options, ...change } });

  return (
    <section className="section" aria-labelledby={titleId}>
      <div className="section__header">
        <h2 id={titleId} className="section__title">
          Rows and formats
        </h2>
      </div>
      <div className="options-grid">
        <div className="field">
          <label htmlFor={groupId} className="field__label">
            Group rows by
          </label>
          <select
            id={groupId}
            className="input"
            value={mapping.groupBy ?? ''}
            aria-describedby={groupHelpId}
            onChange={(event) => {
              const column = event.target.value;
              const { groupBy: _old, ...rest } = mapping;
              onChange(column ? { ...rest, groupBy: column } : rest);
            }}
          >
            <option value="">No grouping: one event per row</option>
            <ColumnOptions headers={file.headers} />
          </select>
          <p id={groupHelpId} className="field__help">
            One event per value of this column, as when an order spans several line-item rows.
          </p>
        </div>
        <div className="field">
          <label htmlFor={orderId} className="field__label">
            Dates of birth
          </label>
          <select
            id={orderId}
            className="input"
            value={mapping.options.dayMonthOrder}
            onChange={(event) =>
              setOption({ dayMonthOrder: event.target.value as Options['dayMonthOrder'] })
            }
          >
            <option value="month-first">Month first: 04/07/1990 is April 7</option>
            <option value="day-first">Day first: 04/07/1990 is 4 July</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={prefixId} className="field__label">
            Postcodes outside the US
          </label>
          <select
            id={prefixId}
            className="input"
            value={mapping.options.postcodePrefixLength ?? ''}
            onChange={(event) =>
              setOption({
                postcodePrefixLength: event.target.value === '' ? null : Number(event.target.value),
              })
            }
          >
            <option value="">Send the whole postcode</option>
            {[2, 3, 4, 5, 6].map((length) => (
              <option key={length} value={length}>
                Keep the first {length} characters
              </option>
            ))}
          </select>
        </div>
        <fieldset className="options-grid__switches">
          <legend className="field__label">Reading values</legend>
          {SWITCHES.map(({ key, label }) => (
            <label key={key} className="checkbox">
              <input
                type="checkbox"
                checked={mapping.options[key]}
                onChange={(event) => setOption({ [key]: event.target.checked })}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      </div>
    </section>
  );
}
