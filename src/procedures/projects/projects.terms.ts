// The closed lists of the projects API (art. 17–19), in one place for the server and the web app
// (src/web/api/projects-types.ts re-exports them). No imports, so the web bundle can take it as is.

/** A project's statuses, in the order of the procedure; the steps between them are in projects.states.ts. */
export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'supplement_required',
  'not_accepted',
  'withdrawn',
  'scheme_accepted',
  'scheme_approved',
  'scheme_refused',
  'under_construction',
  'acceptance_applied',
  'acceptance_refused',
  'completed',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** The five document classes of a design-scheme submission (art. 17). */
export const SCHEME_DOC_CLASSES = ['design_scheme', 'bidding_documents', 'contracts', 'quality_certificates', 'construction_drawings'] as const;
export type SchemeDocClass = (typeof SCHEME_DOC_CLASSES)[number];

/** Every class a project document may have: the five, then supplements, test reports (art. 18), acceptance (art. 19), decisions. */
export const DOC_CLASSES = [...SCHEME_DOC_CLASSES, 'supplement', 'test_report', 'acceptance', 'decision', 'other'] as const;
export type DocClass = (typeof DOC_CLASSES)[number];

/** Why an officer stops a review clock (行政许可法45: hearing, testing, expert review; suspension). The supplement pause is the platform's own. */
export const PAUSE_REASONS = ['expert_review', 'testing', 'suspension', 'hearing'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Testing institutions are nationally or provincially accredited (art. 18). */
export const INSTITUTION_SCOPES = ['national', 'provincial'] as const;
export type InstitutionScope = (typeof INSTITUTION_SCOPES)[number];
