import { useId } from 'react';

import { ColumnOptions } from './column-options';

import type { FileView } from '../../../../shared/ipc-api';
import type { Mapping } from '../../../../shared/mapping';

interface MappingOptionsProps {
  file: FileView;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}

/** Grouping rows into one event, and how numbers and dates of birth are written. */
export function MappingOptions({ file, mapping, onChange }: MappingOptionsProps) {
  const titleId = useId();
  const groupId = useId();
  const orderId = useId();
  const groupHelpId = useId();

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
              onChange({
                ...mapping,
                options: {
                  ...mapping.options,
                  dayMonthOrder: event.target.value as Mapping['options']['dayMonthOrder'],
                },
              })
            }
          >
            <option value="month-first">Month first: 04/07/1990 is April 7</option>
            <option value="day-first">Day first: 04/07/1990 is 4 July</option>
          </select>
        </div>
        <label className="checkbox options-grid__wide">
          <input
            type="checkbox"
            checked={mapping.options.decimalComma}
            onChange={(event) =>
              onChange({
                ...mapping,
                options: { ...mapping.options, decimalComma: event.target.checked },
              })
            }
          />
          <span>
            Decimal comma: read <span className="mono">1.234,50</span> as 1234.5 in number and money
            properties
          </span>
        </label>
      </div>
    </section>
  );
}
