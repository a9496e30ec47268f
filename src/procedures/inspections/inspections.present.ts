import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTrx } from '../../platform/context.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import type { PresentedDeadline } from '../../platform/calendar/deadlines.js';
import type { InspectionRow, OrderRow, PhotoRow, PlanRow } from './inspections.repository.js';
import { ITEM_DEFS, orderDisplayNumber, rectificationFailed, type ChecklistEntry } from './inspections.rules.js';
import { inspectionActions, orderActions } from './inspections.states.js';

/** Rows → API shapes. */

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function policeUnitRef(id: string) {
  const u = getPoliceUnit(id);
  return { id, name: u?.name ?? id, nameEn: u?.nameEn ?? id };
}

export type Names = ReadonlyMap<string, string>;
const person = (names: Names, id: string) => ({ id, name: names.get(id) ?? '—' });

export async function timelineOf(db: DbOrTrx, objectType: string, objectId: string) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'actor_role', 'article'])
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, action: r.action, actorRole: r.actor_role, article: r.article }));
}
export type TimelineEntry = Awaited<ReturnType<typeof timelineOf>>[number];

export function presentPlan(p: PlanRow, actor: Actor, names: Names) {
  const result = json<{ siteId: string; inspectorIds: string[] }[]>(p.draw_result);
  const canDraw = p.status === 'draft' && p.kind === 'random' && actor.policeUnitId === p.police_unit_id && actor.role !== 'supervisor';
  return {
    id: p.id,
    title: p.title,
    kind: p.kind as 'random' | 'targeted',
    status: p.status as 'draft' | 'drawn',
    policeUnit: policeUnitRef(p.police_unit_id),
    divisionCode: p.division_code,
    filters: json<{ categoryCode?: string; siteType?: string; hasOpenFindings?: boolean }>(p.filters) ?? {},
    targetCount: Number(p.target_count),
    inspectorsPerTarget: Number(p.inspectors_per_target),
    periodFrom: p.period_from,
    periodTo: p.period_to,
    draw:
      p.status === 'drawn' && p.draw_seed
        ? {
            seed: p.draw_seed,
            alg: p.draw_alg ?? '',
            drawnAt: p.drawn_at ?? '',
            drawnBy: p.drawn_by ? person(names, p.drawn_by) : null,
            candidateSites: (json<string[]>(p.candidate_site_ids) ?? []).length,
            candidateOfficers: (json<string[]>(p.candidate_officer_ids) ?? []).length,
            sitesDigest: p.candidate_sites_digest ?? '',
            officersDigest: p.candidate_officers_digest ?? '',
            result: (result ?? []).map((t) => ({ siteId: t.siteId, inspectors: t.inspectorIds.map((i) => person(names, i)) })),
          }
        : null,
    createdAt: p.created_at,
    version: Number(p.version),
    actions: canDraw ? (['draw'] as const).slice() : [],
  };
}

type InspectionListRow = InspectionRow & { site_name: string; site_type: string };

export function presentInspectionSummary(i: InspectionListRow, names: Names) {
  const checklist = JSON.parse(i.checklist) as ChecklistEntry[];
  return {
    id: i.id,
    number: i.number,
    planId: i.plan_id,
    kind: i.kind as 'random' | 'targeted',
    reasonKind: i.reason_kind as 'draw' | 'complaint' | 'finding' | 'officer',
    reasonId: i.reason_id,
    site: { id: i.site_id, name: i.site_name, siteType: i.site_type },
    divisionCode: i.division_code,
    policeUnit: policeUnitRef(i.police_unit_id),
    inspectors: (JSON.parse(i.inspector_ids) as string[]).map((id) => person(names, id)),
    status: i.status as 'planned' | 'in_progress' | 'completed',
    problems: checklist.filter((e) => e.result === 'problem').length,
    suggestedProblems: checklist.filter((e) => e.suggested === 'problem').length,
    completedOn: i.completed_on,
    createdAt: i.created_at,
    version: Number(i.version),
  };
}

export function presentPhoto(p: PhotoRow) {
  return {
    id: p.id,
    inspectionId: p.inspection_id,
    orderId: p.order_id,
    purpose: p.purpose as 'checklist' | 'correction',
    item: p.item === null ? null : Number(p.item),
    fileName: p.file_name,
    mediaType: p.media_type,
    sizeBytes: Number(p.size_bytes),
    digest: p.digest,
    alg: p.alg,
    uploadedAt: p.uploaded_at,
    url: `/api/inspections/${encodeURIComponent(p.inspection_id)}/photos/${encodeURIComponent(p.id)}`,
  };
}

export function presentChecklist(list: readonly ChecklistEntry[]) {
  return list.map((e) => ({
    item: e.item,
    zh: ITEM_DEFS[e.item].zh,
    en: ITEM_DEFS[e.item].en,
    result: e.result,
    suggested: e.suggested,
    observation: e.observation,
    article: e.article,
    prefill: e.prefill,
    recordedAt: e.recordedAt,
  }));
}

export function presentInspection(
  i: InspectionListRow,
  actor: Actor,
  names: Names,
  extra: { photos: PhotoRow[]; order: OrderRow | null; timeline: TimelineEntry[]; reasonNote: string | null },
) {
  const checklist = JSON.parse(i.checklist) as ChecklistEntry[];
  const hasProblems = checklist.some((e) => e.result === 'problem');
  return {
    ...presentInspectionSummary(i, names),
    reasonNote: extra.reasonNote,
    summary: i.summary,
    checklist: presentChecklist(checklist),
    photos: extra.photos.map(presentPhoto),
    order: extra.order ? { id: extra.order.id, number: extra.order.number, displayNumber: displayOf(extra.order), status: extra.order.status, dueDate: extra.order.due_date } : null,
    actions: inspectionActions(i, actor, !!extra.order, hasProblems),
    timeline: extra.timeline,
  };
}

export function displayOf(o: Pick<OrderRow, 'police_unit_id' | 'year' | 'seq'>): string {
  return orderDisplayNumber(o.police_unit_id, Number(o.year), Number(o.seq));
}

export interface OrderItem {
  item: number;
  article: string;
  problem: string;
}

/** The order as P and the web need it (without the deadline projection and timeline). */
export function presentOrderCore(o: OrderRow & { site_name?: string }, today: string) {
  return {
    id: o.id,
    number: o.number,
    displayNumber: displayOf(o),
    inspectionId: o.inspection_id,
    site: { id: o.site_id, name: o.site_name ?? null },
    unitId: o.unit_id,
    divisionCode: o.division_code,
    policeUnit: policeUnitRef(o.police_unit_id),
    items: JSON.parse(o.items) as OrderItem[],
    article: o.article,
    dayKind: o.day_kind as 'working' | 'calendar',
    days: Number(o.days),
    issuedOn: o.issued_on,
    dueDate: o.due_date,
    status: o.status as 'issued' | 'reported' | 'corrected' | 'failed' | 'lapsed',
    report: o.reported_on ? { note: o.report_note, reportedOn: o.reported_on, photoId: o.report_photo_id, late: o.reported_on > o.due_date } : null,
    verification: o.verified_on ? { verifiedOn: o.verified_on, note: o.verification_note } : null,
    lapsedOn: o.lapsed_on,
    /** art. 32–34 precondition: the time limit passed without a correction (see rectificationFailed). */
    failed: rectificationFailed({ status: o.status, dueDate: o.due_date, reportedOn: o.reported_on }, today),
    version: Number(o.version),
  };
}
export type OrderView = ReturnType<typeof presentOrderCore>;

export function presentOrder(
  o: OrderRow & { site_name?: string },
  actor: Actor,
  today: string,
  extra: { deadline: PresentedDeadline | null; timeline: TimelineEntry[]; photos: PhotoRow[] },
) {
  return {
    ...presentOrderCore(o, today),
    deadline: extra.deadline,
    photos: extra.photos.map(presentPhoto),
    actions: orderActions(o, actor),
    timeline: extra.timeline,
  };
}
