import { randomUUID } from 'node:crypto';
import { assertCan, hasPermission, listScope } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { LedgerAction } from '../../platform/audit/events.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { closeDeadline, deadlinesOf, openDeadline, type DeadlineView } from '../../platform/calendar/deadlines.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { hashHex } from '../../platform/crypto/hash.js';
import { piiCipher } from '../../platform/crypto/pii.js';
import { AppError } from '../../platform/http/errors.js';
import { canActOnComplaint, canSeeComplaint } from './complaints.access.js';
import { authorityOf, latestDue, noticeView, presentDeadlines, summaryView } from './complaints.present.js';
import {
  findByTracking,
  findComplaint,
  insertComplaint,
  insertNotice,
  listComplaints,
  noticesOf,
  updateComplaint,
  type ComplaintRow,
} from './complaints.repository.js';
import {
  TRACKING_PATTERN,
  assertReasons,
  assertTransferTarget,
  cleanDraft,
  newAccessCode,
  newTrackingNumber,
  normaliseAccessCode,
  noticeDelivery,
  routeComplaint,
  type ComplaintDraft,
} from './complaints.rules.js';
import { NOTICE_OF, STATUS_AFTER, allowedSteps, assertStep, type ComplaintStep } from './complaints.states.js';
import { requestTargetedInspection } from './complaints.inspection.js';

export const SUBJECT_TYPE = 'complaint';

const LEDGER_ACTION: Record<ComplaintStep, LedgerAction> = {
  accept: 'complaint.accepted',
  reject: 'complaint.rejected',
  start: 'complaint.handling',
  transfer: 'complaint.transferred',
  close: 'complaint.closed',
  inspect: 'complaint.inspection_requested',
};
export const DEADLINE_KINDS = { acknowledge: 'complaint.acknowledge', handle: 'complaint.handle' } as const;

type ReadCtx = Pick<Ctx, 'db' | 'clock' | 'config'>;

/** AAD binds each ciphertext to its column and row: copied elsewhere it no longer decrypts. */
const aad = (field: 'name' | 'contact', id: string) => `complaints.complainant_${field}:${id}`;

/** The access code's digest: SM3 over the normalised code, like API tokens (identity/tokens.ts). */
export const accessCodeDigest = (code: string) => hashHex('sm3', `complaint-access-code:${normaliseAccessCode(code)}`);

function periodSettings(ctx: Pick<Ctx, 'config'>) {
  return { dayKind: ctx.config.complaintDayKind, ack: ctx.config.complaintAckDays, handle: ctx.config.complaintHandleDays };
}

async function openAck(ctx: Ctx, trx: DbOrTrx, row: Pick<ComplaintRow, 'id' | 'division_code' | 'handling_unit_id'>, today: string) {
  const s = periodSettings(ctx);
  return openDeadline(ctx, trx, {
    subjectType: SUBJECT_TYPE,
    subjectId: row.id,
    kind: DEADLINE_KINDS.acknowledge,
    article: '30',
    divisionCode: row.division_code,
    ownerUnitId: row.handling_unit_id,
    dayKind: s.dayKind,
    days: s.ack,
    startDate: today,
  });
}

/**
 * @article 30 — anyone may complain or report, anonymously or by name, without signing in. The
 * complaint is routed at once (county bureau of the division, or the supervisory organ for an
 * official), the acknowledgement period starts, and the complainant gets a tracking number and an
 * access code shown this once. Name and contact are encrypted before they reach the database and
 * appear in no log and no ledger entry (the entry records only whether they were given).
 */
export async function submitComplaint(ctx: Ctx, input: ComplaintDraft) {
  const draft = cleanDraft(input);
  const routing = routeComplaint(draft.subjectKind, draft.divisionCode);
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  const accessCode = newAccessCode();
  const cipher = piiCipher(ctx.config);
  const row: ComplaintRow = {
    id,
    tracking_number: newTrackingNumber(today.slice(0, 4)),
    access_code_digest: accessCodeDigest(accessCode),
    kind: draft.kind,
    subject_kind: draft.subjectKind,
    subject_name: draft.subjectName,
    certificate_number: draft.certificateNumber,
    division_code: draft.divisionCode,
    content: draft.content,
    complainant_name: draft.name ? cipher.encrypt(draft.name, aad('name', id)) : null,
    complainant_contact: draft.contact ? cipher.encrypt(draft.contact, aad('contact', id)) : null,
    queue: routing.queue,
    handling_unit_id: routing.handlingUnitId,
    status: 'received',
    outcome: null,
    inspection_id: null,
    submitted_on: today,
    closed_on: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const ack = await ctx.db.transaction().execute(async (trx) => {
    await insertComplaint(trx, row);
    const d = await openAck(ctx, trx, row, today);
    await insertNotice(trx, {
      id: randomUUID(),
      complaint_id: id,
      kind: 'received',
      status: 'received',
      note: null,
      to_unit_id: routing.handlingUnitId,
      delivery: noticeDelivery(!!draft.contact),
      at: now,
    });
    await audit(ctx, trx, {
      action: 'complaint.submitted',
      objectType: 'complaint',
      objectId: id,
      after: row,
      article: routing.queue === 'supervision' ? '39' : '30',
      detail: {
        trackingNumber: row.tracking_number,
        kind: row.kind,
        subjectKind: row.subject_kind,
        divisionCode: row.division_code,
        queue: row.queue,
        handlingUnitId: row.handling_unit_id,
        named: !!draft.name,
        contactGiven: !!draft.contact,
        acknowledgeDue: d.dueDate,
      },
    });
    return d;
  });
  return { trackingNumber: row.tracking_number, accessCode, status: row.status, authority: authorityOf(row), acknowledgeDue: ack.dueDate };
}

/**
 * The complainant's status page: status, the authority and the notices — nothing else (not the
 * content, not any other complaint). A wrong code and an unknown number give the same 404, so the
 * page does not confirm that a tracking number exists.
 */
export async function publicStatus(ctx: ReadCtx, trackingNumber: string, accessCode: string | undefined) {
  const tracking = trackingNumber.trim().toUpperCase();
  if (!accessCode || !TRACKING_PATTERN.test(tracking)) throw new AppError('NOT_FOUND');
  const row = await findByTracking(ctx.db, tracking);
  // Compare digests (fixed length hex); the stored value is itself a digest, so timing reveals nothing of the code.
  if (!row || row.access_code_digest !== accessCodeDigest(accessCode)) throw new AppError('NOT_FOUND');
  const [notices, deadlines] = await Promise.all([noticesOf(ctx.db, row.id), deadlinesOf(ctx.db, SUBJECT_TYPE, [row.id])]);
  return {
    trackingNumber: row.tracking_number,
    kind: row.kind,
    subjectKind: row.subject_kind,
    status: row.status,
    submittedOn: row.submitted_on,
    divisionCode: row.division_code,
    authority: authorityOf(row),
    acknowledgeDue: latestDue(deadlines, DEADLINE_KINDS.acknowledge),
    handleDue: latestDue(deadlines, DEADLINE_KINDS.handle),
    notices: notices.map(noticeView),
  };
}

/** Loads a complaint the actor may see; 404 otherwise (its existence is not confirmed). */
async function loadVisible(ctx: Ctx, db: DbOrTrx, id: string): Promise<ComplaintRow> {
  if (!hasPermission(ctx.actor, 'complaint.handle') && !hasPermission(ctx.actor, 'complaint.oversee')) {
    assertCan(ctx.actor, 'complaint.handle');
  }
  const row = await findComplaint(db, id);
  if (!row || !canSeeComplaint(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

async function withDeadlines(ctx: ReadCtx, rows: readonly ComplaintRow[]) {
  const today = ctx.clock.today();
  const cal = await loadCalendar(ctx.db);
  const all = await deadlinesOf(ctx.db, SUBJECT_TYPE, rows.map((r) => r.id));
  const bySubject = new Map<string, DeadlineView[]>();
  for (const d of all) bySubject.set(d.subjectId, [...(bySubject.get(d.subjectId) ?? []), d]);
  return rows.map((r) => summaryView(r, presentDeadlines(bySubject.get(r.id) ?? [], today, cal)));
}

/**
 * The officer's complaint queue (bureau queue of their jurisdiction, their own unit's first) or the
 * supervisory organ's queue of complaints about officials. `mine=true`: only what my unit handles.
 */
export async function listComplaintsFor(ctx: Ctx, q: { status?: string; mine?: string }) {
  const supervisor = hasPermission(ctx.actor, 'complaint.oversee');
  const permission = supervisor ? 'complaint.oversee' : 'complaint.handle';
  assertCan(ctx.actor, permission);
  const scope = listScope(ctx.actor, permission);
  if (scope.kind !== 'all' && scope.kind !== 'division') return { items: [] };
  const prefix = scope.kind === 'all' ? null : scope.prefix;
  const rows = await listComplaints(ctx.db, {
    queue: supervisor ? 'supervision' : 'bureau',
    prefix,
    unitId: supervisor ? null : ctx.actor.policeUnitId,
    onlyUnitId: !supervisor && q.mine === 'true' ? ctx.actor.policeUnitId ?? '-' : null,
    status: q.status ?? null,
    limit: 500,
  });
  const items = await withDeadlines(ctx, rows);
  // Open ones with the earliest due date first; closed ones after, newest first.
  const nextDue = (i: (typeof items)[number]) => i.deadlines.filter((d) => d.status !== 'closed').map((d) => d.dueDate).sort()[0] ?? '9999';
  items.sort((a, b) => nextDue(a).localeCompare(nextDue(b)) || b.submittedOn.localeCompare(a.submittedOn));
  return { items };
}

export async function getComplaint(ctx: Ctx, id: string) {
  const row = await loadVisible(ctx, ctx.db, id);
  const [summary] = await withDeadlines(ctx, [row]);
  const notices = await noticesOf(ctx.db, row.id);
  const acting = canActOnComplaint(ctx.actor, row);
  return {
    ...summary!,
    content: row.content,
    certificateNumber: row.certificate_number,
    outcome: row.outcome,
    inspectionId: row.inspection_id,
    version: Number(row.version),
    notices: notices.map(noticeView),
    allowedSteps: acting ? allowedSteps(row.status, row.queue) : [],
    canRevealIdentity: acting && (row.complainant_name !== null || row.complainant_contact !== null),
  };
}

export interface StepInput {
  version?: number;
  reasons?: string;
  result?: string;
  toUnitId?: string;
  siteId?: string;
}

/**
 * One step on a complaint in one transaction: load → may this actor act (404 outside sight, 403 for
 * a bureau that sees but does not handle it) → state check → versioned write → deadlines → the
 * notice to the complainant → ledger entry.
 */
export async function runComplaintStep(ctx: Ctx, id: string, step: ComplaintStep, input: StepInput) {
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  let inspectionId: string | null = null;
  if (step === 'inspect') {
    // Checked first, then the inspection (its own transaction), then the complaint's record of it
    // below; a conflict there leaves the inspection standing, which is harmless (it names only the number).
    const row = await loadVisible(ctx, ctx.db, id);
    if (!canActOnComplaint(ctx.actor, row)) throw new AppError('FORBIDDEN');
    assertStep(step, row.status, row.queue);
    inspectionId = await requestTargetedInspection(ctx, { siteId: input.siteId ?? '', trackingNumber: row.tracking_number });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id);
    if (!canActOnComplaint(ctx.actor, row)) throw new AppError('FORBIDDEN');
    if (input.version !== undefined && input.version !== Number(row.version)) throw new AppError('CONFLICT');
    assertStep(step, row.status, row.queue);

    const open = (await deadlinesOf(trx, SUBJECT_TYPE, [row.id])).filter((d) => d.status !== 'closed');
    const openOf = (kind: string) => open.filter((d) => d.kind === kind);
    const patch: Partial<ComplaintRow> = { updated_at: now };
    let note: string | null = null;
    let toUnitId: string | null = null;
    const detail: Record<string, unknown> = { trackingNumber: row.tracking_number, queue: row.queue, from: row.status };

    switch (step) {
      case 'accept':
        for (const d of openOf(DEADLINE_KINDS.acknowledge)) await closeDeadline(ctx, trx, d.id, { on: today });
        {
          const s = periodSettings(ctx);
          const d = await openDeadline(ctx, trx, {
            subjectType: SUBJECT_TYPE,
            subjectId: row.id,
            kind: DEADLINE_KINDS.handle,
            article: '30',
            divisionCode: row.division_code,
            ownerUnitId: row.handling_unit_id,
            dayKind: s.dayKind,
            days: s.handle,
            startDate: today,
          });
          detail.handleDue = d.dueDate;
        }
        break;
      case 'reject':
        note = assertReasons(input.reasons);
        for (const d of openOf(DEADLINE_KINDS.acknowledge)) await closeDeadline(ctx, trx, d.id, { on: today });
        patch.outcome = note;
        patch.closed_on = today;
        break;
      case 'start':
        break;
      case 'close':
        note = assertReasons(input.result);
        for (const d of openOf(DEADLINE_KINDS.handle)) await closeDeadline(ctx, trx, d.id, { on: today });
        patch.outcome = note;
        patch.closed_on = today;
        break;
      case 'transfer': {
        note = assertReasons(input.reasons);
        toUnitId = input.toUnitId ?? '';
        assertTransferTarget(toUnitId, row.handling_unit_id);
        // The old bureau's acknowledgement ends (met or late by its date); its handling period, if any, is void.
        for (const d of openOf(DEADLINE_KINDS.acknowledge)) await closeDeadline(ctx, trx, d.id, { on: today });
        for (const d of openOf(DEADLINE_KINDS.handle)) await closeDeadline(ctx, trx, d.id, { on: today, outcome: 'cancelled' });
        patch.handling_unit_id = toUnitId;
        const ack = await openAck(ctx, trx, { id: row.id, division_code: row.division_code, handling_unit_id: toUnitId }, today);
        Object.assign(detail, { fromUnitId: row.handling_unit_id, toUnitId, acknowledgeDue: ack.dueDate });
        break;
      }
      case 'inspect': {
        patch.inspection_id = inspectionId;
        detail.inspectionId = inspectionId;
        detail.siteId = input.siteId;
        break;
      }
    }
    const status = STATUS_AFTER[step] ?? row.status;
    patch.status = status;
    if (!(await updateComplaint(trx, row.id, Number(row.version), patch))) throw new AppError('CONFLICT');
    const noticeKind = NOTICE_OF[step];
    if (noticeKind) {
      await insertNotice(trx, {
        id: randomUUID(),
        complaint_id: row.id,
        kind: noticeKind,
        status,
        note,
        to_unit_id: toUnitId,
        delivery: noticeDelivery(row.complainant_contact !== null),
        at: now,
      });
    }
    await audit(ctx, trx, {
      action: LEDGER_ACTION[step],
      objectType: 'complaint',
      objectId: row.id,
      before: row,
      after: { ...row, ...patch },
      article: step === 'inspect' ? '29' : row.queue === 'supervision' ? '39' : '30',
      detail: { ...detail, to: status, noticeSent: !!noticeKind },
    });
  });
  return getComplaint(ctx, id);
}

/**
 * The complainant's name and contact, for the handling organ only, as a ledgered read with its
 * reason (like unmasking in information access): the entry records who read, why, and when —
 * never the values.
 */
export async function revealIdentity(ctx: Ctx, id: string, reason: string) {
  const why = reason.trim();
  if (!why) throw new AppError('COMPLAINT_REASON_REQUIRED');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id);
    if (!canActOnComplaint(ctx.actor, row)) throw new AppError('FORBIDDEN');
    const cipher = piiCipher(ctx.config);
    const name = row.complainant_name ? cipher.decrypt(row.complainant_name, aad('name', row.id)) : null;
    const contact = row.complainant_contact ? cipher.decrypt(row.complainant_contact, aad('contact', row.id)) : null;
    await audit(ctx, trx, {
      action: 'complaint.identity_read',
      objectType: 'complaint',
      objectId: row.id,
      article: '30',
      detail: { trackingNumber: row.tracking_number, reason: why, named: name !== null, contactGiven: contact !== null },
    });
    return { anonymous: name === null && contact === null, name, contact };
  });
}

