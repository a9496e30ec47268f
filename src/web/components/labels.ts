// Labels of enumerations that are not statuses (those live in status.ts). Values a newer server may
// add (history actions, roles) fall back to the raw value instead of failing.
import type { ApplicationKind, CertificateKind, Level } from '../api/types';
import { isMessageKey, type MessageKey, type Vars } from '../i18n/translate';

type T = (key: MessageKey, vars?: Vars) => string;

export const kindKey = (kind: ApplicationKind | string): MessageKey => `kind.${kind}` as MessageKey;
export const levelKey = (level: Level | string | null | undefined): MessageKey => (level ? (`level.${level}` as MessageKey) : 'common.none');
export const certificateKindKey = (kind: CertificateKind | string): MessageKey => `certKind.${kind}` as MessageKey;
export const actionKey = (action: string): MessageKey => `action.${action}` as MessageKey;

function labelOr(t: T, key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw;
}

export const roleLabel = (t: T, role: string): string => labelOr(t, `role.${role}`, role);
export const historyActionLabel = (t: T, action: string): string => labelOr(t, `history.${action}`, action);
