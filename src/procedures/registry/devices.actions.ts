import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { deleteDevice, findDevice, findDeviceIdByCode, insertDevice, replaceCertificates, updateDevice } from './devices.repository.js';
import { validateDevice, type DeviceValue } from './registry.validate.js';
import { changeSite, checkVersion, isUniqueViolation, valid, type SiteDetail } from './registry.workflow.js';
import { siteOfSystem } from './systems.actions.js';
import { findSystem } from './systems.repository.js';

/**
 * Devices: cameras (GB/T 28181 code, placement, signage, retention) and main equipment with its
 * quality certificates (art. 13). A camera in a privacy place is recorded as given: the art. 10
 * finding is the consequence (the web warns before sending).
 */

function columnsOf(v: DeviceValue) {
  return {
    device_kind: v.deviceKind,
    name: v.name,
    device_code: v.deviceCode,
    placement: v.placement,
    privacy_kind: v.privacyKind,
    audio_capture: v.audioCapture ? 1 : 0,
    signage: v.signage ? 1 : 0,
    retention_days: v.retentionDays,
    equipment_type: v.equipmentType,
  };
}

async function assertCodeFree(trx: Transaction<Database>, code: string | null, selfId: string | null): Promise<void> {
  if (!code) return;
  const other = await findDeviceIdByCode(trx, code);
  if (other && other.id !== selfId) throw new AppError('DEVICE_CODE_TAKEN');
}

async function writeCertificates(trx: Transaction<Database>, deviceId: string, v: DeviceValue, now: string): Promise<void> {
  await replaceCertificates(
    trx,
    deviceId,
    v.certificates.map((c) => ({ id: randomUUID(), device_id: deviceId, cert_type: c.certType, number: c.number, valid_to: c.validTo, created_at: now })),
  );
}

/** A concurrent registration of the same code loses on the unique index: the same refusal. */
async function codeTakenOnRace<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('DEVICE_CODE_TAKEN');
    throw err;
  }
}

export async function registerDevice(ctx: Ctx, systemId: string, input: Record<string, unknown>): Promise<SiteDetail> {
  const siteId = await siteOfSystem(ctx, systemId);
  return codeTakenOnRace(() =>
    changeSite(ctx, siteId, async (trx) => {
      const system = await findSystem(trx, systemId);
      if (!system) throw new AppError('NOT_FOUND');
      if (system.status === 'decommissioned') throw new AppError('SYSTEM_DECOMMISSIONED', undefined, { article: '19' });
      const v = valid(validateDevice(input));
      await assertCodeFree(trx, v.deviceCode, null);
      const now = ctx.clock.now().toISOString();
      const row = { id: randomUUID(), site_id: siteId, system_id: systemId, ...columnsOf(v), version: 1, created_at: now, updated_at: now };
      await insertDevice(trx, row);
      await writeCertificates(trx, row.id, v, now);
      return { action: 'device.registered', objectType: 'device', objectId: row.id, after: { ...row, certificates: v.certificates }, detail: { siteId, systemId, deviceKind: v.deviceKind } };
    }),
  );
}

async function siteOfDevice(ctx: Ctx, deviceId: string): Promise<string> {
  const device = await findDevice(ctx.db, deviceId);
  if (!device) throw new AppError('NOT_FOUND');
  return device.site_id;
}

export async function updateDeviceDetails(ctx: Ctx, id: string, input: Record<string, unknown> & { version: number }): Promise<SiteDetail> {
  const siteId = await siteOfDevice(ctx, id);
  return codeTakenOnRace(() =>
    changeSite(ctx, siteId, async (trx) => {
      const device = await findDevice(trx, id);
      if (!device) throw new AppError('NOT_FOUND');
      const system = await findSystem(trx, device.system_id);
      if (system?.status === 'decommissioned') throw new AppError('SYSTEM_DECOMMISSIONED', undefined, { article: '19' });
      const v = valid(validateDevice(input));
      const version = checkVersion(input.version, device.version);
      await assertCodeFree(trx, v.deviceCode, id);
      const now = ctx.clock.now().toISOString();
      const patch = { ...columnsOf(v), updated_at: now };
      if ((await updateDevice(trx, id, version, patch)) !== 1) throw new AppError('CONFLICT');
      await writeCertificates(trx, id, v, now);
      return { action: 'device.updated', objectType: 'device', objectId: id, before: device, after: { ...device, ...patch, certificates: v.certificates }, detail: { siteId, systemId: device.system_id } };
    }),
  );
}

/** Removes the device, its certificates (and retention reports); its findings resolve and stay as history. */
export async function removeDevice(ctx: Ctx, id: string): Promise<SiteDetail> {
  const siteId = await siteOfDevice(ctx, id);
  return changeSite(ctx, siteId, async (trx) => {
    const device = await findDevice(trx, id);
    if (!device) throw new AppError('NOT_FOUND');
    await deleteDevice(trx, id);
    return { action: 'device.removed', objectType: 'device', objectId: id, before: device, detail: { siteId, systemId: device.system_id, deviceKind: device.device_kind } };
  });
}
