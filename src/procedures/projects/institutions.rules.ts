import { refuse } from '../../platform/http/errors.js';
import { INSTITUTION_SCOPES, type InstitutionScope } from './projects.terms.js';

/**
 * Testing institutions (art. 18): a system is tested by a national or provincial accredited
 * institution able to test technical prevention systems. Pure rules.
 */
export { INSTITUTION_SCOPES, type InstitutionScope };

export interface InstitutionAccreditation {
  accreditation_valid_to: string;
}

/** @article 18 — accredited on `today` when the accreditation's last day is today or later. */
export function isAccredited(inst: InstitutionAccreditation, today: string): boolean {
  return inst.accreditation_valid_to >= today;
}

/** @article 18 — an institution whose accreditation has lapsed may not be designated, nor report. */
export function assertAccredited(inst: InstitutionAccreditation, today: string): void {
  if (!isAccredited(inst, today)) throw refuse('TESTING_INSTITUTION_NOT_ACCREDITED', '18');
}
