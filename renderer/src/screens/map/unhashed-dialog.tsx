import { IDENTITY_FIELD_LABELS } from '../../../../shared/cadent-fields';
import { ConfirmDialog } from '../../components/confirm-dialog';

import type { IdentityField } from '../../../../shared/cadent-fields';

interface UnhashedDialogProps {
  request: { field: IdentityField; column: string } | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The explicit confirmation before values that are not hashes are sent as they are. */
export function UnhashedDialog({ request, onConfirm, onCancel }: UnhashedDialogProps) {
  const label = request ? IDENTITY_FIELD_LABELS[request.field] : '';
  return (
    <ConfirmDialog
      open={request !== null}
      title="Raw PII would leave this machine"
      tone="danger"
      confirmLabel="Send unhashed"
      cancelLabel="Keep hashing"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        The values of <strong>“{request?.column}”</strong> are not SHA-256 hashes. With hashing off,
        each {label.toLowerCase()} is sent to Cadent as it is written in the file, and is stored as
        sent in the request log on this computer.
      </p>
      <p>Turn hashing off only if Cadent has agreed to receive this field unhashed.</p>
    </ConfirmDialog>
  );
}
