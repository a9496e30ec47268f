import { ACCESS_MATRIX_DEFAULTS, type AccessMatrixSettings } from './matrix.rules.js';

/**
 * Settings of the information-access procedure. Fixed here (not in the environment) until a province asks
 * to change them; each is a reading recorded in the README.
 */
export interface AccessSettings {
  matrix: AccessMatrixSettings;
  /** How long a grant may be used after it is issued (the VMS refuses it afterwards; later use is flagged). */
  grantValidityHours: number;
  /** Longest footage period one request may cover: a request names a time window, not "everything". */
  maxWindowDays: number;
  maxCameras: number;
  maxOfficials: number;
  /** Allowed clock skew of a VMS use report's time ahead of the server. */
  reportSkewMinutes: number;
}

export const ACCESS_SETTINGS: AccessSettings = Object.freeze({
  matrix: ACCESS_MATRIX_DEFAULTS,
  grantValidityHours: 72,
  maxWindowDays: 31,
  maxCameras: 200,
  maxOfficials: 10,
  reportSkewMinutes: 5,
});

/** Associated data of identity-number ciphertexts: a ciphertext moved to another column does not decrypt. */
export const OFFICIAL_ID_AAD = 'access_officials.id_number';
