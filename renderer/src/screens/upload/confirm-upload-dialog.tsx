import { IDENTITY_FIELD_LABELS, IDENTITY_FIELDS } from '../../../../shared/cadent-fields';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatNumber, plural } from '../../format';

import type { CheckSummary } from '../../../../shared/check-summary';
import type { Mapping } from '../../../../shared/mapping';
import type { Target } from '../../state/app-state';

interface ConfirmUploadDialogProps {
  open: boolean;
  fileName: string;
  mapping: Mapping;
  check: CheckSummary;
  target: Target;
  batchSize: number | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The last look before events leave the machine: where they go and how many, from the check. */
export function ConfirmUploadDialog({
  open,
  fileName,
  mapping,
  check,
  target,
  batchSize,
  onConfirm,
  onCancel,
}: ConfirmUploadDialogProps) {
  const unhashed = IDENTITY_FIELDS.filter(
    (field) => mapping.identity[field] && mapping.identity[field]?.hash === false,
  );
  const batches = batchSize ? Math.ceil(check.valid / batchSize) : null;
  const datasetName = target.dataset
    ? `${target.dataset.name} (${target.datasetId})`
    : target.datasetId;

  return (
    <ConfirmDialog
      open={open}
      title="Upload to Cadent?"
      confirmLabel={`Upload ${formatNumber(check.valid)} events`}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <dl className="definition-list">
        <dt>File</dt>
        <dd>{fileName}</dd>
        <dt>Dataset</dt>
        <dd>{datasetName}</dd>
        <dt>Connection</dt>
        <dd>{target.connection}</dd>
        <dt>Events sent</dt>
        <dd>
          {formatNumber(check.valid)}
          {batches !== null ? ` in ${plural(batches, 'batch', 'batches')}` : ''}
        </dd>
        <dt>Invalid, not sent</dt>
        <dd>{plural(check.invalid, 'event')}</dd>
        <dt>Duplicate event IDs</dt>
        <dd>{formatNumber(check.duplicateEvents)} (Cadent keeps the first of each)</dd>
      </dl>
      {unhashed.length > 0 ? (
        <p className="text-warning">
          Sent unhashed: {unhashed.map((field) => IDENTITY_FIELD_LABELS[field]).join(', ')}.
        </p>
      ) : (
        <p className="muted">Every identity field is hashed on this computer.</p>
      )}
      <p className="muted">Cadent only appends events; an upload cannot be undone.</p>
    </ConfirmDialog>
  );
}
