import type { DbOrTrx } from '../../platform/context.js';
import type { PenaltySettingsTable } from '../../platform/db/schema.js';
import { DEFAULT_BAND_CUTS, isPenaltyArticle, type BandCuts, type HearingThresholds, type PenaltyArticle } from './penalty.rules.js';

/**
 * What the province configures (penalty.settings.manage), one row `penalty_settings.id = 'province'`;
 * without a row the defaults below apply. Every change is a ledger entry with before and after.
 *
 * Periods, and why these defaults:
 * - statementDays 3 (working): the notice of a proposed penalty gives the party 3 days to state and
 *   defend — the common practice of public security organs; 行政处罚法85 counts periods of ≤ 7 days
 *   in working days.
 * - hearingRequestDays 5 (working): 行政处罚法64(1) — a hearing is requested within 5 days of the
 *   notice; when a hearing is due the party's period is this longer one.
 * - publicationDays 7 (working): 双公示 — penalty decisions published within 7 working days.
 * - decisionPublicationDays 365 / creditRecordDays 1095 (calendar): how long a decision and a credit
 *   record of a serious violation stay public (national credit-repair rules: ordinary penalty
 *   information at most 1 year, serious at most 3 years).
 * - decisionRepairMinDays 90 / creditRepairMinDays 365: the shortest publication before credit
 *   repair may remove an entry (3 months / 1 year under the same rules).
 */
export interface PenaltySettings {
  bands: Record<string, BandCuts>;
  hearing: HearingThresholds;
  statementDays: number;
  hearingRequestDays: number;
  publicationDays: number;
  decisionPublicationDays: number;
  creditRecordDays: number;
  decisionRepairMinDays: number;
  creditRepairMinDays: number;
  version: number;
  updatedAt: string | null;
}

export const DEFAULT_PENALTY_SETTINGS: PenaltySettings = {
  bands: { '*': DEFAULT_BAND_CUTS },
  hearing: { individual: 2_000, unit: 10_000 },
  statementDays: 3,
  hearingRequestDays: 5,
  publicationDays: 7,
  decisionPublicationDays: 365,
  creditRecordDays: 1095,
  decisionRepairMinDays: 90,
  creditRepairMinDays: 365,
  version: 0,
  updatedAt: null,
};

export const SETTINGS_ID = 'province';

/** Deadline kinds of this procedure, with the law that sets them. */
export const CLOCKS = {
  decision: { kind: 'penalty.decision', article: '行政处罚法60', dayKind: 'calendar' as const },
  statement: { kind: 'penalty.statement', article: '行政处罚法44', dayKind: 'working' as const },
  hearingRequest: { kind: 'penalty.statement', article: '行政处罚法64', dayKind: 'working' as const },
  service: { kind: 'penalty.service', article: '行政处罚法61', dayKind: 'working' as const, days: 7 },
  payment: { kind: 'penalty.payment', article: '行政处罚法67', dayKind: 'calendar' as const, days: 15 },
  publication: { kind: 'credit.publication', article: '31', dayKind: 'working' as const },
};
/** 行政处罚法60: a decision within 90 days of filing the case. */
export const DECISION_DAYS = 90;

export function cutsFor(s: PenaltySettings, article: PenaltyArticle): BandCuts {
  return s.bands[article] ?? s.bands['*'] ?? DEFAULT_BAND_CUTS;
}

function parseBands(json: string): Record<string, BandCuts> {
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const out: Record<string, BandCuts> = {};
    for (const [k, v] of Object.entries(raw)) {
      if ((k === '*' || isPenaltyArticle(k)) && Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) out[k] = [v[0], v[1]];
    }
    return out['*'] ? out : { ...out, '*': DEFAULT_BAND_CUTS };
  } catch {
    return { '*': DEFAULT_BAND_CUTS };
  }
}

export function settingsOfRow(row: PenaltySettingsTable | undefined): PenaltySettings {
  if (!row) return DEFAULT_PENALTY_SETTINGS;
  return {
    bands: parseBands(row.bands),
    hearing: { individual: Number(row.hearing_individual_yuan), unit: Number(row.hearing_unit_yuan) },
    statementDays: Number(row.statement_days),
    hearingRequestDays: Number(row.hearing_request_days),
    publicationDays: Number(row.publication_days),
    decisionPublicationDays: Number(row.decision_publication_days),
    creditRecordDays: Number(row.credit_record_days),
    decisionRepairMinDays: Number(row.decision_repair_min_days),
    creditRepairMinDays: Number(row.credit_repair_min_days),
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

export async function loadPenaltySettings(db: DbOrTrx): Promise<PenaltySettings> {
  const row = await db.selectFrom('penalty_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
  return settingsOfRow(row);
}

export function rowOfSettings(s: Omit<PenaltySettings, 'version' | 'updatedAt'>) {
  return {
    bands: JSON.stringify(s.bands),
    hearing_individual_yuan: s.hearing.individual,
    hearing_unit_yuan: s.hearing.unit,
    statement_days: s.statementDays,
    hearing_request_days: s.hearingRequestDays,
    publication_days: s.publicationDays,
    decision_publication_days: s.decisionPublicationDays,
    credit_record_days: s.creditRecordDays,
    decision_repair_min_days: s.decisionRepairMinDays,
    credit_repair_min_days: s.creditRepairMinDays,
  };
}
