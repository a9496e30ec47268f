// Which fields of the application form each kind of application asks for.
import type { ApplicationKind } from '../../api/types';

/** An extension lasts at most 90 days; the server enforces it (EXTENSION_TOO_LONG), the form only guides. */
export const MAX_EXTENSION_DAYS = 90;

export interface ApplyFields {
  targetLevel: boolean;
  certificate: boolean;
  extensionDays: boolean;
  checklist: boolean;
}

export function fieldsFor(kind: ApplicationKind): ApplyFields {
  return {
    targetLevel: kind === 'first' || kind === 'promotion' || kind === 'record',
    certificate: kind === 'renewal' || kind === 'extension',
    extensionDays: kind === 'extension',
    checklist: kind === 'promotion',
  };
}
