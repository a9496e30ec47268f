import type { Insertable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import type { DevicesTable, EquipmentCertificatesTable } from '../../platform/db/schema.js';

/** Kysely queries for devices and their quality certificates. */

export function findDevice(db: DbOrTrx, id: string) {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}
export type DeviceRow = NonNullable<Awaited<ReturnType<typeof findDevice>>>;

export function findDeviceIdByCode(db: DbOrTrx, code: string) {
  return db.selectFrom('devices').select('id').where('device_code', '=', code).executeTakeFirst();
}

export function devicesOfSites(db: DbOrTrx, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([] as DeviceRow[]);
  return db.selectFrom('devices').selectAll().where('site_id', 'in', [...siteIds]).orderBy('created_at').orderBy('id').execute();
}

/** Certificates of every device of these sites (one query: a join, not an id list). */
export function certificatesOfSites(db: DbOrTrx, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('equipment_certificates as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .select(['c.id', 'c.device_id', 'c.cert_type', 'c.number', 'c.valid_to'])
    .where('d.site_id', 'in', [...siteIds])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}
export type CertificateRow = Awaited<ReturnType<typeof certificatesOfSites>>[number];

export async function insertDevice(db: DbOrTrx, row: Insertable<DevicesTable>): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

export async function updateDevice(db: DbOrTrx, id: string, version: number, patch: Updateable<DevicesTable>): Promise<number> {
  const r = await db.updateTable('devices').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function replaceCertificates(db: DbOrTrx, deviceId: string, rows: Insertable<EquipmentCertificatesTable>[]): Promise<void> {
  await db.deleteFrom('equipment_certificates').where('device_id', '=', deviceId).execute();
  if (rows.length) await db.insertInto('equipment_certificates').values(rows).execute();
}

/** Removes a device and its certificates. Its retention reports go too (they reference it). */
export async function deleteDevice(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('equipment_certificates').where('device_id', '=', id).execute();
  await db.deleteFrom('retention_reports').where('device_id', '=', id).execute();
  await db.deleteFrom('devices').where('id', '=', id).execute();
}
