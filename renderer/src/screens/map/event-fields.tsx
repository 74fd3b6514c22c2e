import { useId } from 'react';

import { CONVERSION_TYPE_LABELS, CONVERSION_TYPES } from '../../../../shared/cadent-fields';
import { describeEventTimeFormat, EVENT_TIME_FORMATS } from '../../../../shared/event-time';
import { timeZoneNames } from '../../time-zones';

import { ColumnOptions } from './column-options';
import { MapLine, MapLinesHeader } from './map-line';
import { SampleValues } from './sample-values';
import { columnSamples } from './samples';

import type { ConversionType } from '../../../../shared/cadent-fields';
import type { EventTimeFormat } from '../../../../shared/event-time';
import type { FileView } from '../../../../shared/ipc-api';
import type { Mapping } from '../../../../shared/mapping';
import type { Suggestion } from '../../state/app-state';

interface EventFieldsProps {
  file: FileView;
  mapping: Mapping;
  candidates: Suggestion['candidates'] | null;
  defaultTimeZone: string;
  onChange: (mapping: Mapping) => void;
}

const CONSTANT = '\u0000constant';
const COLUMN = 'column:';
const TYPE = 'type:';

/** Event ID, event name, conversion type and event time. */
export function EventFields({
  file,
  mapping,
  candidates,
  defaultTimeZone,
  onChange,
}: EventFieldsProps) {
  const ids = {
    eventId: useId(),
    eventIdSelect: useId(),
    name: useId(),
    nameSelect: useId(),
    nameConstant: useId(),
    type: useId(),
    typeSelect: useId(),
    time: useId(),
    timeSelect: useId(),
    format: useId(),
    zone: useId(),
  };
  const { headers } = file;
  const samplesOf = (column: string | undefined) => (column ? columnSamples(file, column) : []);

  const eventIdColumn = mapping.eventId?.column;
  const eventName = mapping.eventName;
  const eventNameColumn = eventName && 'column' in eventName ? eventName.column : undefined;
  const conversionType = mapping.conversionType;
  const conversionValue = !conversionType
    ? ''
    : 'column' in conversionType
      ? `${COLUMN}${conversionType.column}`
      : `${TYPE}${conversionType.constant}`;
  const eventTime = mapping.eventTime;

  return (
    <div className="map-lines">
      <MapLinesHeader source="Column or value" aside="Sample values" />
      <MapLine
        label="Event ID"
        fieldKey="event_id"
        labelId={ids.eventId}
        help="Cadent ignores an event whose ID it already has, so a resent batch is never counted twice."
        aside={<SampleValues values={samplesOf(eventIdColumn)} label="Sample event IDs" />}
      >
        <label htmlFor={ids.eventIdSelect} className="visually-hidden">
          Event ID column
        </label>
        <select
          id={ids.eventIdSelect}
          className="input"
          value={eventIdColumn ?? ''}
          onChange={(event) => {
            const column = event.target.value;
            const { eventId: _old, ...rest } = mapping;
            onChange(column ? { ...rest, eventId: { column } } : rest);
          }}
        >
          <option value="">Derive from the event's content</option>
          <ColumnOptions headers={headers} candidates={candidates?.event_id} />
        </select>
      </MapLine>

      <MapLine
        label="Event name"
        fieldKey="event_name"
        labelId={ids.name}
        badges={<span className="badge">Required</span>}
        aside={
          eventNameColumn ? (
            <SampleValues values={samplesOf(eventNameColumn)} label="Sample event names" />
          ) : null
        }
      >
        {/* The name for every event goes under the picker: side by side, both would be cut. */}
        <label htmlFor={ids.nameSelect} className="visually-hidden">
          Event name source
        </label>
        <select
          id={ids.nameSelect}
          className="input"
          value={eventNameColumn ?? (eventName ? CONSTANT : '')}
          onChange={(event) => {
            const value = event.target.value;
            const { eventName: _old, ...rest } = mapping;
            if (value === '') onChange(rest);
            else if (value === CONSTANT) onChange({ ...rest, eventName: { constant: 'Purchase' } });
            else onChange({ ...rest, eventName: { column: value } });
          }}
        >
          <option value="">Choose…</option>
          <option value={CONSTANT}>Same name for every event</option>
          <ColumnOptions headers={headers} candidates={candidates?.event_name} />
        </select>
        {eventName && 'constant' in eventName ? (
          <>
            <label htmlFor={ids.nameConstant} className="visually-hidden">
              Event name for every event
            </label>
            <input
              id={ids.nameConstant}
              className="input"
              value={eventName.constant}
              maxLength={256}
              onChange={(event) =>
                onChange({ ...mapping, eventName: { constant: event.target.value } })
              }
            />
          </>
        ) : null}
      </MapLine>

      <MapLine
        label="Conversion type"
        fieldKey="conversion_type"
        labelId={ids.type}
        badges={<span className="badge">Required</span>}
        help={
          conversionType && 'column' in conversionType
            ? "Each value must name one of Cadent's ten types (online_purchase, Online purchase, …)."
            : undefined
        }
        aside={
          conversionType && 'column' in conversionType ? (
            <SampleValues
              values={samplesOf(conversionType.column)}
              label="Sample conversion types"
            />
          ) : null
        }
      >
        <label htmlFor={ids.typeSelect} className="visually-hidden">
          Conversion type
        </label>
        <select
          id={ids.typeSelect}
          className={`input${conversionType ? '' : ' input--attention'}`}
          value={conversionValue}
          onChange={(event) => {
            const value = event.target.value;
            const { conversionType: _old, ...rest } = mapping;
            if (value.startsWith(TYPE)) {
              const constant = value.slice(TYPE.length) as ConversionType;
              onChange({ ...rest, conversionType: { constant } });
            } else if (value.startsWith(COLUMN)) {
              onChange({ ...rest, conversionType: { column: value.slice(COLUMN.length) } });
            } else {
              onChange(rest);
            }
          }}
        >
          <option value="">Choose a type or a column…</option>
          <optgroup label="Same type for every event">
            {CONVERSION_TYPES.map((type) => (
              <option key={type} value={`${TYPE}${type}`}>
                {CONVERSION_TYPE_LABELS[type]} ({type})
              </option>
            ))}
          </optgroup>
          <ColumnOptions
            headers={headers}
            candidates={candidates?.conversion_type}
            valuePrefix={COLUMN}
          />
        </select>
      </MapLine>

      <MapLine
        label="Event time"
        fieldKey="event_time"
        labelId={ids.time}
        help={
          eventTime
            ? 'A UTC offset in a value wins over the time zone.'
            : 'Without it, Cadent uses the time it receives each event.'
        }
        aside={
          eventTime ? (
            <SampleValues values={samplesOf(eventTime.column)} label="Sample event times" />
          ) : null
        }
      >
        <label htmlFor={ids.timeSelect} className="visually-hidden">
          Event time column
        </label>
        <select
          id={ids.timeSelect}
          className="input"
          value={eventTime?.column ?? ''}
          onChange={(event) => {
            const column = event.target.value;
            const { eventTime: _old, ...rest } = mapping;
            onChange(
              column
                ? {
                    ...rest,
                    eventTime: {
                      column,
                      format: eventTime?.format ?? 'auto',
                      timeZone: eventTime?.timeZone ?? defaultTimeZone,
                    },
                  }
                : rest,
            );
          }}
        >
          <option value="">Not mapped</option>
          <ColumnOptions headers={headers} candidates={candidates?.event_time} />
        </select>
        {eventTime ? (
          <div className="inline-fields inline-fields--labelled">
            <div className="field">
              <label htmlFor={ids.format} className="field__label">
                Format
              </label>
              <select
                id={ids.format}
                className="input"
                value={eventTime.format}
                onChange={(event) =>
                  onChange({
                    ...mapping,
                    eventTime: { ...eventTime, format: event.target.value as EventTimeFormat },
                  })
                }
              >
                {EVENT_TIME_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {describeEventTimeFormat(format)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.zone} className="field__label">
                Time zone
              </label>
              <select
                id={ids.zone}
                className="input"
                value={eventTime.timeZone}
                onChange={(event) =>
                  onChange({
                    ...mapping,
                    eventTime: { ...eventTime, timeZone: event.target.value },
                  })
                }
              >
                {timeZoneNames(eventTime.timeZone).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
      </MapLine>
    </div>
  );
}
