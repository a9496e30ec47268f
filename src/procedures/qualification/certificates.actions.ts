import { assertCan, can, divisionPrefix, listScope } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { renderCertificatePdf } from './certificate.pdf.js';
import {
  certificatesOfCompany,
  countQualified,
  findCertificate,
  findCertificateByNumber,
  listCertificates,
  searchQualified,
} from './certificate.repository.js';
import { canUndertake, certificateStatus, type UndertakeAnswer } from './certificate.rules.js';
import { certificateFacts, cityFields, presentCertificate, presentLevel, presentPublicCertificate } from './qualification.present.js';
import { findCompany, findLevels } from './qualification.repository.js';
import { qualificationSettings } from './qualification.settings.js';
import type { Level } from './qualification.rules.js';
import { requireSignedIn } from './qualification.workflow.js';

export async function listCertificatesFor(ctx: Ctx) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'certificate.read');
  const rows = await listCertificates(ctx.db, listScope(ctx.actor, 'certificate.read'), 1000);
  const { renewalWindowDays } = qualificationSettings(ctx.config);
  return { items: rows.map((r) => presentCertificate(r, ctx.clock.today(), renewalWindowDays)) };
}

/** The certificate as a PDF; every download is recorded in the ledger (who read what, when). */
export async function certificatePdf(ctx: Ctx, id: string): Promise<{ number: string; pdf: Buffer }> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'certificate.read');
  const row = await findCertificate(ctx.db, id);
  if (!row || !can(ctx.actor, 'certificate.read', { divisionCode: row.company_division_code, companyId: row.company_id })) {
    throw new AppError('CERTIFICATE_NOT_FOUND');
  }
  const { renewalWindowDays } = qualificationSettings(ctx.config);
  const shown = presentCertificate(row, ctx.clock.today(), renewalWindowDays);
  const unit = getPoliceUnit(row.issued_by_unit_id);
  const pdf = await renderCertificatePdf({
    ...shown,
    issuedBy: unit?.name ?? row.issued_by_unit_id,
    issuedOn: row.issued_at.slice(0, 10),
    verifyUrl: `${ctx.config.publicUrl}/verify/${encodeURIComponent(row.number)}`,
  });
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, { action: 'certificate.read', objectType: 'certificate', objectId: row.id, detail: { format: 'pdf' } }),
  );
  return { number: row.number, pdf };
}

/** Anyone may verify a certificate by its number: company, level, validity and status only. */
export async function verifyCertificate(ctx: Pick<Ctx, 'db' | 'clock' | 'config'>, number: string) {
  const row = await findCertificateByNumber(ctx.db, number.trim());
  if (!row) throw new AppError('CERTIFICATE_NOT_FOUND');
  return presentPublicCertificate(row, ctx.clock.today(), qualificationSettings(ctx.config).renewalWindowDays);
}

export const PUBLIC_PAGE_SIZE = 50;

/** Public register of qualified companies (art. 14: levels and scopes are public). */
export async function searchQualifiedCompanies(
  ctx: Pick<Ctx, 'db' | 'clock' | 'config'>,
  q: { name?: string; level?: string; city?: string; page?: number },
) {
  const page = q.page ?? 1;
  const today = ctx.clock.today();
  const search = {
    name: q.name?.trim() || undefined,
    level: q.level || undefined,
    cityPrefix: q.city ? divisionPrefix(q.city) : undefined,
    today,
    limit: PUBLIC_PAGE_SIZE,
    offset: (page - 1) * PUBLIC_PAGE_SIZE,
  };
  const [rows, total] = await Promise.all([searchQualified(ctx.db, search), countQualified(ctx.db, search)]);
  const { renewalWindowDays } = qualificationSettings(ctx.config);
  return {
    items: rows.map((r) => ({
      companyId: r.company_id,
      companyName: r.company_name,
      level: r.level as Level | null,
      ...cityFields(r.division_code),
      certificateNumber: r.number,
      validTo: r.valid_to,
      status: certificateStatus(certificateFacts(r), today, renewalWindowDays),
    })),
    page,
    pageSize: PUBLIC_PAGE_SIZE,
    total,
  };
}

/**
 * For the projects procedure: may this company take a project of GA/T 75 class `projectScale`
 * today? Answers with the article (art. 14(2) for Guangdong companies, 16 for out-of-province).
 */
export async function companyMayUndertake(db: DbOrTrx, companyId: string, projectScale: 1 | 2 | 3, today: string): Promise<UndertakeAnswer> {
  const company = await findCompany(db, companyId);
  if (!company) throw new AppError('NOT_FOUND');
  const certs = (await certificatesOfCompany(db, companyId)).map(certificateFacts);
  const levels = (await findLevels(db)).map(presentLevel);
  return canUndertake(certs, projectScale, today, levels, company.origin as 'guangdong' | 'out_of_province');
}
