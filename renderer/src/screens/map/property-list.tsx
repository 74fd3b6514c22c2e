import { Fragment, useId } from 'react';

import { columnsUsedBy } from '../../../../shared/mapping';
import { guessPropertyType } from '../../../../shared/property-value';

import { ColumnOptions } from './column-options';
import { warningFor } from './privacy';
import { columnSamples, propertyNameFor } from './samples';

import type { PropertyPrivacyWarning } from '../../../../shared/header-match';
import type { FileView } from '../../../../shared/ipc-api';
import type { Mapping, PropertyMapping } from '../../../../shared/mapping';
import type { PropertyType } from '../../../../shared/property-value';

const TYPE_LABELS: Record<PropertyType, string> = {
  string: 'Text',
  number: 'Number',
  money: 'Money',
  boolean: 'Yes / no',
};

interface PropertyListProps {
  kind: 'eventProperties' | 'userProperties';
  title: string;
  description: string;
  file: FileView;
  mapping: Mapping;
  /** Properties of the whole mapping that look like personal data. */
  warnings: readonly PropertyPrivacyWarning[];
  onChange: (mapping: Mapping) => void;
}

/** Columns sent as event properties or user properties, each under a name the user picks. */
export function PropertyList({
  kind,
  title,
  description,
  file,
  mapping,
  warnings,
  onChange,
}: PropertyListProps) {
  const titleId = useId();
  const warningId = useId();
  const properties = mapping[kind];
  const singular = kind === 'eventProperties' ? 'event property' : 'user property';
  const warningKind = kind === 'eventProperties' ? 'event' : 'user';
  const setProperties = (next: PropertyMapping[]) => onChange({ ...mapping, [kind]: next });
  const update = (index: number, change: Partial<PropertyMapping>) =>
    setProperties(
      properties.map((property, at) => (at === index ? { ...property, ...change } : property)),
    );

  const add = () => {
    const used = new Set(columnsUsedBy(mapping));
    const column = file.headers.find((header) => !used.has(header)) ?? file.headers[0];
    if (column === undefined) return;
    setProperties([...properties, propertyFor(file, column)]);
  };

  return (
    <section className="section" aria-labelledby={titleId}>
      <div className="section__header">
        <div>
          <h2 id={titleId} className="section__title">
            {title}
          </h2>
          <p className="section__description">{description}</p>
        </div>
        <button type="button" className="button" onClick={add} disabled={file.headers.length === 0}>
          Add {singular}
        </button>
      </div>
      {properties.length === 0 ? (
        <p className="muted property-list__empty">No {singular} yet.</p>
      ) : (
        <table className="table property-list">
          <colgroup>
            <col className="property-list__column" />
            <col className="property-list__name" />
            <col className="property-list__type" />
            <col />
            <col className="property-list__remove" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Name sent</th>
              <th scope="col">Type</th>
              <th scope="col">Sample</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {properties.map((property, index) => {
              const warning = warningFor(warnings, warningKind, property);
              const sample = columnSamples(file, property.column, 1)[0];
              return (
                <Fragment key={index}>
                  <tr className={warning ? 'property-list__row--warned' : undefined}>
                    <td>
                      <select
                        className="input"
                        aria-label={`Column of ${singular} ${index + 1}`}
                        value={property.column}
                        onChange={(event) => {
                          const guessed = propertyFor(file, event.target.value);
                          // A name the user never typed is the old column's; it follows the new.
                          const derived =
                            property.name === '' ||
                            property.name === propertyNameFor(property.column);
                          update(index, {
                            column: guessed.column,
                            type: guessed.type,
                            ...(derived ? { name: guessed.name } : {}),
                          });
                        }}
                      >
                        <ColumnOptions headers={file.headers} />
                      </select>
                    </td>
                    <td>
                      <input
                        className="input input--mono"
                        aria-label={`Name of ${singular} ${index + 1}`}
                        aria-describedby={warning ? `${warningId}-${index}` : undefined}
                        value={property.name}
                        maxLength={64}
                        spellCheck={false}
                        onChange={(event) => update(index, { name: event.target.value })}
                      />
                    </td>
                    <td>
                      <select
                        className="input"
                        aria-label={`Type of ${singular} ${index + 1}`}
                        value={property.type}
                        onChange={(event) =>
                          update(index, { type: event.target.value as PropertyType })
                        }
                      >
                        {(Object.keys(TYPE_LABELS) as PropertyType[]).map((type) => (
                          <option key={type} value={type}>
                            {TYPE_LABELS[type]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span className="truncate mono" title={sample ?? ''}>
                        {sample ?? '—'}
                      </span>
                    </td>
                    <td className="property-list__actions">
                      <button
                        type="button"
                        className="button button--small button--quiet"
                        aria-label={`Remove ${singular} ${property.name || index + 1}`}
                        onClick={() => setProperties(properties.filter((_, at) => at !== index))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                  {warning ? (
                    <tr className="property-list__warning">
                      <td colSpan={5}>
                        <p id={`${warningId}-${index}`} className="text-warning">
                          {warning.message}. Map the column as an identity field to have it hashed,
                          or remove this property.
                        </p>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function propertyFor(file: FileView, column: string): PropertyMapping {
  return {
    column,
    name: propertyNameFor(column),
    type: guessPropertyType(columnSamples(file, column, file.rows.length)),
  };
}
