import type { LogFilter } from '../../../../shared/ipc-api';

/** The filter as the form holds it: dates as YYYY-MM-DD in local time, empty for "any". */
export interface LogFilterForm {
  status: 'all' | 'ok' | 'error';
  datasetId: string;
  uploadId: string;
  since: string;
  until: string;
}

export const EMPTY_FILTER_FORM: LogFilterForm = {
  status: 'all',
  datasetId: '',
  uploadId: '',
  since: '',
  until: '',
};

export function formFromFilter(filter: LogFilter | null): LogFilterForm {
  return {
    ...EMPTY_FILTER_FORM,
    status: filter?.status === 'ok' || filter?.status === 'error' ? filter.status : 'all',
    datasetId: filter?.datasetId ?? '',
    uploadId: filter?.uploadId ?? '',
  };
}

/** The filter the main process takes: whole local days, as instants with an offset. */
export function filterFromForm(form: LogFilterForm): LogFilter {
  const filter: LogFilter = {};
  if (form.status !== 'all') filter.status = form.status;
  if (form.datasetId.trim() !== '') filter.datasetId = form.datasetId.trim();
  if (form.uploadId !== '') filter.uploadId = form.uploadId;
  const since = localDayBound(form.since, 'start');
  const until = localDayBound(form.until, 'end');
  if (since) filter.since = since;
  if (until) filter.until = until;
  return filter;
}

function localDayBound(day: string, bound: 'start' | 'end'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T${bound === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Whether the date range ends before it starts (YYYY-MM-DD strings compare as dates). */
export function isReversedRange(form: LogFilterForm): boolean {
  return form.since !== '' && form.until !== '' && form.since > form.until;
}
