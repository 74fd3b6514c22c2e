import { IDENTITY_FIELD_LABELS, IDENTITY_FIELDS } from '../../../../shared/cadent-fields';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatNumber, plural } from '../../format';
import { privacyWarnings } from '../map/privacy';

import type { CheckSummary } from '../../../../shared/check-summary';
import type { FileView } from '../../../../shared/ipc-api';
import type { Mapping } from '../../../../shared/mapping';
import type { Target } from '../../state/app-state';

interface ConfirmUploadDialogProps {
  open: boolean;
  file: FileView;
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
  file,
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
  const properties = privacyWarnings(file, mapping);
  const batches = batchSize ? Math.ceil(check.valid / batchSize) : null;
  const datasetName = target.dataset
    ? `${target.dataset.name} (${target.datasetId})`
    : target.datasetId;

  return (
    <ConfirmDialog
      open={open}
      title="Upload to Cadent?"
      confirmLabel={`Upload ${plural(check.valid, 'event')}`}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <dl className="definition-list">
        <dt>File</dt>
        <dd>{file.name}</dd>
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
      {properties.length > 0 ? (
        <div className="confirm-privacy">
          <p className="text-warning">
            {properties.length === 1
              ? 'This property looks like personal data and goes out unhashed, as every property does:'
              : `These ${properties.length} properties look like personal data and go out unhashed, as every property does:`}
          </p>
          <ul className="problem-list" aria-label="Properties sent unhashed">
            {properties.map((warning) => (
              <li key={`${warning.kind}-${warning.column}-${warning.name}`}>{warning.message}.</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="muted">Cadent only appends events; an upload cannot be undone.</p>
    </ConfirmDialog>
  );
}
