import { propertyPrivacyWarnings } from '../../../../shared/header-match';

import type { PropertyPrivacyWarning } from '../../../../shared/header-match';
import type { FileView } from '../../../../shared/ipc-api';
import type { Mapping } from '../../../../shared/mapping';

/** Properties of `mapping` that look like personal data, judged on the rows read at import. */
export function privacyWarnings(file: FileView, mapping: Mapping): PropertyPrivacyWarning[] {
  return propertyPrivacyWarnings(
    mapping,
    file.headers,
    file.rows.map((row) => row.cells),
  );
}

/** The warning about one property, if it has one. */
export function warningFor(
  warnings: readonly PropertyPrivacyWarning[],
  kind: PropertyPrivacyWarning['kind'],
  property: { column: string; name: string },
): PropertyPrivacyWarning | undefined {
  return warnings.find(
    (warning) =>
      warning.kind === kind && warning.column === property.column && warning.name === property.name,
  );
}
