import { randomUUID } from 'node:crypto';
import { hasPermission } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { cityOf, getDivision } from '../../platform/jurisdictions/divisions.js';
import { recomputeSiteFindings } from '../registry/findings.recompute.js';
import { canReadSite } from '../registry/registry.access.js';
import { SYSTEM_TYPES, type SystemType } from '../registry/registry.terms.js';
import { findSite, lockSite, type SiteRow } from '../registry/sites.repository.js';
import { insertSystem } from '../registry/systems.repository.js';
import {
  findCompanyRef,
  findUnitName,
  insertProject,
  linkSystem,
  maxNumberWithPrefix,
} from './projects.repository.js';
import { applicantUnitFor, competentAuthority, projectNumber, projectNumberPrefix, scaleClass } from './projects.rules.js';
import { projectSettings } from './projects.settings.js';
import { getProjectDetail } from './read.actions.js';
import { requireSignedIn, retryOnUniqueViolation } from './projects.workflow.js';

export interface CreateProjectInput {
  title: string;
  siteId: string;
  systemTypes: string[];
  designerCompanyId: string;
  builderCompanyId: string;
  investmentYuan: number;
  level1Risk?: boolean;
}

/**
 * Art. 17: the construction unit drafts a project for its site — a key unit's unit user for its
 * own key unit; for a key public area an officer of the bureau at the builder government's level
 * (art. 7). The draft names the competent bureau (art. 17), the GA/T 75 scale class, and creates
 * each system to build as a `planned` system on the site in the registry (findings recomputed in
 * the same transaction), linked to the project.
 */
export async function createProject(ctx: Ctx, input: CreateProjectInput) {
  requireSignedIn(ctx.actor);
  if (!hasPermission(ctx.actor, 'project.submit') && !hasPermission(ctx.actor, 'project.submit_public_area')) throw new AppError('FORBIDDEN');
  const id = await retryOnUniqueViolation(() => ctx.db.transaction().execute(async (trx) => {
    const site = await findSite(trx, input.siteId);
    if (!site || !canReadSite(ctx.actor, site)) throw new AppError('NOT_FOUND');
    assertMaySubmitFor(ctx, site);
    await lockSite(trx, site.id);
    const types = validTypes(input.systemTypes);
    const [designer, builder] = await Promise.all([findCompanyRef(trx, input.designerCompanyId), findCompanyRef(trx, input.builderCompanyId)]);
    if (!designer || !builder) {
      throw new AppError(
        'PROJECT_INPUT_INVALID',
        { zh: '设计或施工单位不存在', en: 'The designing or building company does not exist' },
        { article: '17', extra: { unknownCompanies: [!designer && input.designerCompanyId, !builder && input.builderCompanyId].filter(Boolean) } },
      );
    }
    const title = input.title.trim();
    if (!title) throw new AppError('PROJECT_INPUT_INVALID', { zh: '请填写项目名称', en: 'The title is required' }, { article: '17' });
    const settings = projectSettings(ctx.config);
    const authority = competentAuthority({ siteType: site.site_type, divisionCode: site.division_code, builderLevel: site.builder_level });
    const now = ctx.clock.now().toISOString();
    const today = ctx.clock.today();
    const prefix = projectNumberPrefix(site.division_code, today.slice(0, 4));
    const last = await maxNumberWithPrefix(trx, prefix);
    const number = projectNumber(prefix, (last ? Number(last.slice(prefix.length)) || 0 : 0) + 1);
    const row = {
      id: randomUUID(),
      number,
      title,
      site_id: site.id,
      site_type: site.site_type,
      division_code: site.division_code,
      construction_unit_name: await constructionUnitName(trx, site),
      unit_id: site.site_type === 'key_unit' ? site.unit_id : null,
      builder_level: site.site_type === 'public_area' ? site.builder_level : null,
      system_types: JSON.stringify(types),
      designer_company_id: designer.id,
      builder_company_id: builder.id,
      investment_yuan: input.investmentYuan,
      level1_risk: input.level1Risk ? 1 : 0,
      scale_class: scaleClass(input.investmentYuan, !!input.level1Risk, settings),
      authority_unit_id: authority,
      status: 'draft',
      round: 0,
      deemed_accepted: 0,
      created_by: ctx.actor.userId!,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await insertProject(trx, row);
    await audit(ctx, trx, {
      action: 'project.created',
      objectType: 'project',
      objectId: row.id,
      after: row,
      article: '17',
      detail: { siteId: site.id, authorityUnitId: authority, scaleClass: row.scale_class },
    });
    // The systems to build are registry systems from the start, so the site shows what is planned
    // and acceptance (art. 19) later moves these very rows to `accepted`.
    for (const t of types) {
      const system = {
        id: randomUUID(),
        site_id: site.id,
        system_type: t,
        name: `${title} · ${SYSTEM_TYPES[t].zh}`.slice(0, 200),
        status: 'planned',
        alarm_centre_interface: 0,
        authorisation_ref: null,
        accepted_on: null,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await insertSystem(trx, system);
      await linkSystem(trx, row.id, system.id);
      await audit(ctx, trx, {
        action: 'system.registered',
        objectType: 'system',
        objectId: system.id,
        after: system,
        article: '17',
        detail: { siteId: site.id, systemType: t, projectId: row.id },
      });
    }
    await recomputeSiteFindings(ctx, trx, site.id);
    return row.id;
  }));
  return getProjectDetail(ctx, id);
}

/** Key unit: its own unit user; public area: an officer of the builder-level bureau (art. 7, 17). */
function assertMaySubmitFor(ctx: Ctx, site: SiteRow): void {
  const actor = ctx.actor;
  if (site.site_type === 'key_unit') {
    if (!hasPermission(actor, 'project.submit')) throw refuse('PROJECT_SITE_NOT_ALLOWED', '17', { siteType: site.site_type });
    if (!actor.unitId || actor.unitId !== site.unit_id) throw refuse('PROJECT_SITE_NOT_ALLOWED', '17', { siteType: site.site_type });
    return;
  }
  if (!hasPermission(actor, 'project.submit_public_area')) throw refuse('PROJECT_SITE_NOT_ALLOWED', '7', { siteType: site.site_type });
  const applicant = applicantUnitFor({ siteType: site.site_type, divisionCode: site.division_code, builderLevel: site.builder_level });
  if (!applicant || actor.policeUnitId !== applicant) {
    throw refuse('PROJECT_SITE_NOT_ALLOWED', '7', { siteType: site.site_type, builderLevel: site.builder_level, applicantUnitId: applicant });
  }
}

function validTypes(types: readonly string[]): SystemType[] {
  const known = types.filter((t): t is SystemType => Object.hasOwn(SYSTEM_TYPES, t));
  const unique = [...new Set(known)];
  if (unique.length === 0 || unique.length !== types.length) {
    throw new AppError('PROJECT_INPUT_INVALID', { zh: '系统类型无效或重复', en: 'Unknown or repeated system types' }, { article: '40' });
  }
  return unique;
}

/** The construction unit (建设单位): the key unit's organisation, or the builder government of a public area. */
async function constructionUnitName(trx: Parameters<typeof findUnitName>[0], site: SiteRow): Promise<string> {
  if (site.site_type === 'key_unit') return (site.unit_id && (await findUnitName(trx, site.unit_id))?.name) || site.name;
  const division = getDivision(site.division_code);
  if (site.builder_level === 'province') return '广东省人民政府';
  if (site.builder_level === 'city') return `${cityOf(site.division_code)?.name ?? division?.name ?? ''}人民政府`;
  return `${division?.name ?? ''}人民政府`;
}
