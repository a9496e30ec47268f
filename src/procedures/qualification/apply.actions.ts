import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { cityBureauFor, provincialDepartment } from '../../platform/jurisdictions/police-units.js';
import { certificatesOfCompany } from './certificate.repository.js';
import { currentCertificate, latestCertificate, levelHeldSince, type CertificateFacts } from './certificate.rules.js';
import { certificateFacts } from './qualification.present.js';
import { approvedExtensionDays, findCompany, findLevel, insertApplication, lockCompany, openApplicationsOf } from './qualification.repository.js';
import {
  assertNoConflictingApplication,
  assertOriginAllows,
  checkExtension,
  checkFirstApplication,
  checkPromotion,
  checkRecordFiling,
  checkRenewalWindow,
  isLevel,
  routeFor,
  type ApplicationKind,
  type Level,
  type Origin,
} from './qualification.rules.js';
import { qualificationSettings, type QualificationSettings } from './qualification.settings.js';
import { clockDetail, startClock } from './qualification.clocks.js';
import { OPEN_STATUSES } from './qualification.states.js';
import { getApplicationDetail } from './read.actions.js';
import { requireSignedIn } from './qualification.workflow.js';

export interface ApplyInput {
  kind: ApplicationKind;
  targetLevel?: Level;
  certificateId?: string;
  extensionDays?: number;
  materials: { name: string; ref: string }[];
  checklist?: Record<string, boolean>;
}

interface Subject {
  targetLevel: Level;
  certificateId: string | null;
  checklist: Record<string, boolean>;
}

/**
 * A company applies (art. 15, 16). Every rule is judged on the day of submission: a renewal filed
 * in the window stays in time even if the materials are supplemented after expiry.
 */
export async function applyForQualification(ctx: Ctx, input: ApplyInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'qualification.apply');
  const companyId = ctx.actor.companyId;
  if (!companyId) throw new AppError('FORBIDDEN');
  const today = ctx.clock.today();
  const s = qualificationSettings(ctx.config);
  const id = randomUUID();

  await ctx.db.transaction().execute(async (trx) => {
    await lockCompany(trx, companyId);
    const company = await findCompany(trx, companyId);
    if (!company) throw new AppError('FORBIDDEN');
    assertOriginAllows(input.kind, company.origin as Origin);
    assertNoConflictingApplication(await openApplicationsOf(trx, companyId, OPEN_STATUSES), input.kind);
    const certs = (await certificatesOfCompany(trx, companyId)).map(certificateFacts);
    const subject = await subjectOf(trx, input, certs, today, s);

    const route = routeFor(input.kind, subject.targetLevel);
    const city = cityBureauFor(company.division_code);
    if (!city && (route.decider === 'city' || route.examiner)) throw new AppError('DIVISION_UNKNOWN');
    const now = ctx.clock.now().toISOString();
    const row = {
      id,
      company_id: companyId,
      kind: input.kind,
      target_level: subject.targetLevel,
      certificate_id: subject.certificateId,
      status: 'submitted',
      deciding_unit_id: route.decider === 'city' ? city!.id : provincialDepartment().id,
      examining_unit_id: route.examiner ? city!.id : null,
      extension_days: input.kind === 'extension' ? input.extensionDays! : null,
      materials: JSON.stringify(input.materials),
      checklist: JSON.stringify(subject.checklist),
      submitted_at: now,
      submitted_on: today,
      // Superseded by the deadline below (the queue joins it); kept null so it never goes stale.
      due_date: null,
      version: 1,
      updated_at: now,
    };
    await insertApplication(trx, row);
    // Licensing Law art. 32: accept or send the one notice of missing materials within 5 working days.
    const clock = await startClock(ctx, trx, row, 'received', today);
    await audit(ctx, trx, {
      action: 'qualification.applied',
      objectType: 'qualification_application',
      objectId: id,
      after: row,
      article: input.kind === 'record' ? '16' : '15',
      detail: { kind: input.kind, targetLevel: subject.targetLevel, ...clockDetail(clock) },
    });
  });
  return getApplicationDetail(ctx, id);
}

/** Which level and certificate the application is about, after the rules of its kind. */
async function subjectOf(
  trx: Transaction<Database>,
  input: ApplyInput,
  certs: CertificateFacts[],
  today: string,
  s: QualificationSettings,
): Promise<Subject> {
  const current = currentCertificate(certs, 'qualification', today);
  switch (input.kind) {
    case 'first':
      checkFirstApplication(input.targetLevel ?? 'IV', current !== null);
      return { targetLevel: 'IV', certificateId: null, checklist: {} };
    case 'promotion': {
      if (!current || (input.certificateId && input.certificateId !== current.id)) throw refuse('CERTIFICATE_NOT_USABLE', '15');
      const level = input.targetLevel ? await findLevel(trx, input.targetLevel) : undefined;
      const required = level ? (JSON.parse(level.promotion_checklist) as { id: string }[]).map((i) => i.id) : [];
      const answers = input.checklist ?? {};
      checkPromotion(
        { currentLevel: current.level as Level, levelSince: levelHeldSince(certs, current), targetLevel: input.targetLevel, requiredItems: required, answers },
        today,
        s.promotionYears,
      );
      return { targetLevel: input.targetLevel!, certificateId: current.id, checklist: answers };
    }
    case 'renewal':
    case 'extension': {
      const cert = input.certificateId ? certs.find((c) => c.id === input.certificateId) : latestCertificate(certs, 'qualification');
      if (!cert) throw new AppError('CERTIFICATE_NOT_FOUND');
      if (cert.kind !== 'qualification' || cert.revokedAt || cert.supersededBy) throw refuse('CERTIFICATE_NOT_USABLE', '15');
      if (input.kind === 'renewal') checkRenewalWindow(cert.validTo, today, s.renewalWindowDays);
      else {
        const already = await approvedExtensionDays(trx, cert.id);
        checkExtension(cert.validTo, today, { days: input.extensionDays, alreadyExtended: already }, { windowDays: s.renewalWindowDays, maxDays: s.maxExtensionDays });
      }
      return { targetLevel: cert.level as Level, certificateId: cert.id, checklist: {} };
    }
    case 'record': {
      // The level is that of the home-province certificate, as declared; the province checks it.
      if (!isLevel(input.targetLevel)) {
        throw new AppError('VALIDATION_FAILED', { zh: '备案须填写原资质等级', en: 'targetLevel (the home-province level) is required for a record filing' });
      }
      const record = currentCertificate(certs, 'record', today);
      checkRecordFiling(record?.validTo ?? null, today, s.renewalWindowDays);
      return { targetLevel: input.targetLevel, certificateId: record?.id ?? null, checklist: {} };
    }
  }
}
