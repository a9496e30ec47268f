import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.js';
import { makeUscc } from '../../platform/identifiers/uscc.js';
import { addSite } from '../projects/projects.testing.js';
import { addUnit } from '../registry/registry.testing.js';

/**
 * Test helpers for penalty cases: a key unit with its site, and a rectification order as helper N's
 * procedure leaves it (an inspection and its order, inserted directly).
 */
export const UNIT_USCC = makeUscc('91440106MA5PEN0A1');

export async function addKeyUnit(db: Db, name = '某银行天河支行', divisionCode = '440106') {
  const unitId = await addUnit(db, name, divisionCode);
  const siteId = await addSite(db, { siteType: 'key_unit', divisionCode, unitId, name });
  return { unitId, siteId };
}

let seq = 0;

/** A rectification order of the Tianhe bureau for art. 20 (footage kept 15 days), issued and due as given. */
export async function addOrder(
  db: Db,
  o: { siteId: string; unitId: string | null; issuedOn: string; dueDate: string; status?: string; reportedOn?: string | null; article?: string; divisionCode?: string; policeUnitId?: string },
): Promise<string> {
  const now = '2026-01-01T00:00:00.000Z';
  const inspectionId = randomUUID();
  const n = ++seq;
  const division = o.divisionCode ?? '440106';
  const police = o.policeUnitId ?? 'PSB-440106';
  await db.db
    .insertInto('inspections')
    .values({
      id: inspectionId,
      number: `IN-${division}-2026-P${n}-${inspectionId.slice(0, 6)}`,
      plan_id: null,
      kind: 'targeted',
      reason_kind: 'officer',
      reason_id: null,
      reason_note: 'test',
      site_id: o.siteId,
      division_code: division,
      unit_id: o.unitId,
      police_unit_id: police,
      inspector_ids: '[]',
      status: 'completed',
      checklist: '[]',
      summary: null,
      completed_on: o.issuedOn,
      completed_by: 'test',
      created_by: 'test',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  const id = randomUUID();
  await db.db
    .insertInto('rectification_orders')
    .values({
      id,
      number: `RO-${division}-2026-P${n}-${id.slice(0, 6)}`,
      seq: 9000 + n + Math.floor(Math.random() * 100_000),
      year: 2026,
      inspection_id: inspectionId,
      site_id: o.siteId,
      unit_id: o.unitId,
      division_code: division,
      police_unit_id: police,
      items: JSON.stringify([{ item: 4, article: o.article ?? '20', problem: '录像仅保存15天' }]),
      article: o.article ?? '20',
      day_kind: 'working',
      days: 10,
      issued_on: o.issuedOn,
      due_date: o.dueDate,
      deadline_id: randomUUID(),
      status: o.status ?? 'issued',
      report_note: null,
      report_photo_id: null,
      reported_on: o.reportedOn ?? null,
      reported_by: null,
      verified_on: null,
      verified_by: null,
      verification_note: null,
      lapsed_on: null,
      issued_by: 'test',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}
