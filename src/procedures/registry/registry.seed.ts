import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTrx } from '../../platform/context.js';
import { seedRegistryCatalogue } from './catalogue.seed.js';
import { insertDevice, replaceCertificates } from './devices.repository.js';
import { recomputeSiteFindings } from './findings.recompute.js';
import { insertSite } from './sites.repository.js';
import { insertSystem } from './systems.repository.js';

/**
 * Demo registry (演示): the illustrative catalogue, a key public area in Tianhe (one camera lacks
 * its sign: art. 7) and a gold shop in Nanshan, Shenzhen (footage kept 15 days: art. 20; alarm not
 * connected: art. 11). unit.a's bank branch is NOT seeded: the demo journey registers it by hand.
 * Must run inside a transaction (the ledger requires it).
 */
export async function seedRegistryDemo(trx: DbOrTrx, clock: Clock, config: Config, now: string): Promise<{ goldShopUnitId: string }> {
  const ctx = { actor: SYSTEM_ACTOR, clock, config };
  await seedRegistryCatalogue(trx, now);
  const goldShopUnitId = randomUUID();
  await trx.insertInto('units').values({ id: goldShopUnitId, name: '深圳某金店（演示）', division_code: '440305', category: '4', created_at: now }).execute();

  const base = { open_findings: 0, version: 1, created_at: now, updated_at: now };
  const area = {
    ...base,
    id: randomUUID(),
    site_type: 'public_area',
    name: '天河路与体育西路交叉口（演示）',
    division_code: '440106',
    address: '广州市天河区天河路与体育西路交叉口',
    unit_id: null,
    category_code: null,
    kind_code: null,
    catalogue_version: null,
    responsible_party: null,
    responsible_basis: null,
    area_kind: 'intersection',
    builder_level: 'city',
    user_police_unit_id: 'PSB-440106',
    anti_terror_target: 0,
  };
  const shop = {
    ...base,
    id: randomUUID(),
    site_type: 'key_unit',
    name: '深圳某金店南山店（演示）',
    division_code: '440305',
    address: '深圳市南山区某路 1 号（演示）',
    unit_id: goldShopUnitId,
    category_code: '4',
    kind_code: 'gold_jewellery',
    catalogue_version: 1,
    responsible_party: '深圳某金店有限公司（演示）',
    responsible_basis: 'owner',
    area_kind: null,
    builder_level: null,
    user_police_unit_id: null,
    anti_terror_target: 0,
  };
  const sys = (siteId: string, system_type: string, name: string, alarm: boolean, ref: string | null) => ({
    id: randomUUID(),
    site_id: siteId,
    system_type,
    name,
    status: 'in_use',
    alarm_centre_interface: alarm ? 1 : 0,
    authorisation_ref: ref,
    accepted_on: '2025-06-30',
    version: 1,
    created_at: now,
    updated_at: now,
  });
  const cam = (siteId: string, systemId: string, code: string, name: string, placement: string, signage: boolean, retention: number) => ({
    id: randomUUID(),
    site_id: siteId,
    system_id: systemId,
    device_kind: 'camera',
    name,
    device_code: code,
    placement,
    privacy_kind: null,
    audio_capture: 0,
    signage: signage ? 1 : 0,
    retention_days: retention,
    equipment_type: null,
    last_report_at: null,
    reported_recording_days: null,
    oldest_recording_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });

  const areaVideo = sys(area.id, 'video_surveillance', '路口视频监控（演示）', true, '穗公技防审〔2025〕001号（演示）');
  const shopVideo = sys(shop.id, 'video_surveillance', '店内视频监控（演示）', false, null);
  const shopAlarm = sys(shop.id, 'intrusion_alarm', '入侵报警（演示）', false, null);
  const shopAccess = sys(shop.id, 'access_control', '出入口控制（演示）', false, null);
  const cameras = [
    cam(area.id, areaVideo.id, '44010600001320000101', '东向西摄像机（演示）', 'public_area', true, 90),
    cam(area.id, areaVideo.id, '44010600001320000102', '北向南摄像机（演示）', 'public_area', false, 90),
    cam(shop.id, shopVideo.id, '44030500051320000201', '柜台摄像机（演示）', 'inside_unit', false, 15),
  ];
  for (const site of [area, shop]) {
    await insertSite(trx, site);
    await audit(ctx, trx, { action: 'site.registered', objectType: 'site', objectId: site.id, after: site, article: site.site_type === 'public_area' ? '7' : '9', detail: { demo: true } });
  }
  for (const s of [areaVideo, shopVideo, shopAlarm, shopAccess]) await insertSystem(trx, s);
  for (const c of cameras) await insertDevice(trx, c);
  const panel = { ...cam(shop.id, shopAlarm.id, '', '报警主机（演示）', 'inside_unit', false, 0), device_kind: 'equipment', device_code: null, placement: 'inside_unit', retention_days: null, equipment_type: '报警控制主机' };
  await insertDevice(trx, panel);
  await replaceCertificates(trx, panel.id, [{ id: randomUUID(), device_id: panel.id, cert_type: 'ccc', number: '2025010901000001（演示）', valid_to: '2030-01-01', created_at: now }]);
  for (const site of [area, shop]) await recomputeSiteFindings(ctx, trx, site.id);
  return { goldShopUnitId };
}
