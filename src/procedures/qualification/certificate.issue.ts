import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { cityOf } from '../../platform/jurisdictions/divisions.js';
import {
  certificateNumber,
  certificateNumberPrefix,
  certificateValidTo,
  extendedValidTo,
  renewalStart,
  sequenceOf,
  type CertificateFacts,
  type CertificateKind,
} from './certificate.rules.js';
import {
  certificatesOfCompany,
  insertCertificate,
  lastNumberWithPrefix,
  lockNumberSequence,
  supersedeCertificate,
  updateCertificate,
} from './certificate.repository.js';
import { certificateFacts } from './qualification.present.js';
import { findLevel, type ApplicationRow } from './qualification.repository.js';
import { qualificationSettings } from './qualification.settings.js';

type AuditCtx = Pick<Ctx, 'actor' | 'clock' | 'config'>;

/** The article a decision of this kind rests on. */
export function decisionArticle(kind: string): string {
  return kind === 'record' ? '16' : kind === 'renewal' || kind === 'extension' ? '15' : '14';
}

/**
 * Issue what an approval grants, inside the decision's transaction. Returns the certificate id.
 * - first, promotion: a new certificate from today (promotion supersedes the old level at once);
 * - renewal, record: a new certificate from the day after the old one expires (or today);
 * - extension: the same certificate, same number, its last day pushed (an endorsement, 签注).
 */
export async function issueForApplication(ctx: AuditCtx, trx: Transaction<Database>, app: ApplicationRow, today: string): Promise<string> {
  const s = qualificationSettings(ctx.config);
  const article = decisionArticle(app.kind);
  const certs = (await certificatesOfCompany(trx, app.company_id)).map(certificateFacts);
  const old = app.certificate_id ? certs.find((c) => c.id === app.certificate_id) : undefined;
  // The certificate an application starts from may have changed since it was filed.
  if (app.certificate_id && (!old || old.revokedAt || old.supersededBy)) throw refuse('CERTIFICATE_NOT_USABLE', article);

  if (app.kind === 'extension') {
    const validTo = extendedValidTo(old!.validTo, Number(app.extension_days));
    await updateCertificate(trx, old!.id, { valid_to: validTo });
    await audit(ctx, trx, {
      action: 'certificate.issued',
      objectType: 'certificate',
      objectId: old!.id,
      before: { validTo: old!.validTo },
      after: { validTo },
      article,
      detail: { applicationId: app.id, number: old!.number, endorsement: 'extension', days: Number(app.extension_days) },
    });
    return old!.id;
  }

  const kind: CertificateKind = app.kind === 'record' ? 'record' : 'qualification';
  const validFrom = old && (app.kind === 'renewal' || app.kind === 'record') ? renewalStart(old.validTo, today) : today;
  const years = kind === 'record' ? s.recordValidityYears : s.validityYears;
  const level = app.target_level ? await findLevel(trx, app.target_level) : undefined;
  const id = randomUUID();
  const number = await nextNumber(trx, kind, app.company_division_code, today);
  const row = {
    id,
    number,
    company_id: app.company_id,
    kind,
    level: app.target_level,
    business_scope: level?.scope_zh ?? '',
    valid_from: validFrom,
    valid_to: certificateValidTo(validFrom, years),
    issued_by_unit_id: app.deciding_unit_id,
    application_id: app.id,
    issued_at: ctx.clock.now().toISOString(),
  };
  await insertCertificate(trx, row);
  await audit(ctx, trx, { action: 'certificate.issued', objectType: 'certificate', objectId: id, after: row, article, detail: { applicationId: app.id, number } });
  if (old) await supersede(ctx, trx, old, id, article);
  return id;
}

async function supersede(ctx: AuditCtx, trx: Transaction<Database>, old: CertificateFacts, by: string, article: string) {
  if ((await supersedeCertificate(trx, old.id, by)) !== 1) throw new AppError('CONFLICT');
  await audit(ctx, trx, { action: 'certificate.superseded', objectType: 'certificate', objectId: old.id, article, detail: { supersededBy: by } });
}

/**
 * Next number in the sequence of this city and year, allocated under a per-sequence lock held to
 * commit. Should two issues still collide, the unique index refuses one and its caller retries.
 */
export async function nextNumber(trx: DbOrTrx, kind: CertificateKind, divisionCode: string, today: string) {
  const city = kind === 'record' ? null : (cityOf(divisionCode)?.code ?? null);
  const prefix = certificateNumberPrefix(kind, city, today.slice(0, 4));
  await lockNumberSequence(trx, prefix);
  return certificateNumber(prefix, sequenceOf(prefix, await lastNumberWithPrefix(trx, prefix)) + 1);
}
