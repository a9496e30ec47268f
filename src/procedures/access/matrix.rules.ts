/**
 * The footage access matrix of art. 25–27 (and the register duty of art. 21(3)) as one pure function: for a
 * request and the facts gathered so far, who may do what, every condition with its article, and what is still
 * missing — in Chinese and English, so the unit's operator can tell the requester exactly what to bring.
 *
 * No I/O and no clock. Who counts as a bureau's person in charge, and which bureau an approver speaks for, is the
 * caller's business (users and police units); this file only judges the facts. Paragraph numbers: "26(1)"–"26(4)"
 * are the first four paragraphs (款) of art. 26, "26(5)" its last; "27(1)"–"27(5)" are the items of art. 27.
 * The readings behind each choice are in this folder's README.
 */
import { isWithin } from '../../platform/jurisdictions/divisions.js';

export type RequesterKind =
  /** 26(1): public security organ, for law enforcement. */
  | 'public_security'
  /** 26(1): state security organ, for law enforcement. */
  | 'state_security'
  /** 26(2): a department of a county-or-higher government with power to handle a public emergency. */
  | 'emergency_department'
  /** 26(3), 27: another administrative department, for law enforcement. */
  | 'administrative_department'
  /** 26(4): a citizen who suffered heavy losses, in an urgent situation. */
  | 'citizen';
export const REQUESTER_KINDS: readonly RequesterKind[] = [
  'public_security',
  'state_security',
  'emergency_department',
  'administrative_department',
  'citizen',
];

/** 查阅/查看 (view), 复制 (copy: a copy of the footage leaves the system), 调取 (retrieve: the original is taken). */
export type AccessAction = 'view' | 'copy' | 'retrieve';
export const ACCESS_ACTIONS: readonly AccessAction[] = ['view', 'copy', 'retrieve'];

export type SiteType = 'public_area' | 'key_unit';
export type OrganKind = 'public_security' | 'state_security';
/** `below_county`: a police station (派出所) or other organ below county level — never enough for art. 26. */
export type BureauLevel = 'below_county' | 'county' | 'city' | 'province' | 'national';

export interface ApprovalFact {
  organ: OrganKind;
  level: BureauLevel;
  /** GB/T 2260 code of the division the bureau covers (ignored for `national`). */
  jurisdictionCode: string;
  /** The approver is the bureau's person in charge (负责人: its chief, or a deputy acting in charge). */
  byPersonInCharge: boolean;
}

export interface OfficialFact {
  /** Art. 27(2): the official showed a valid work certificate. */
  workCertificateShown: boolean;
}

/** What is known so far. Anything left out counts as not yet given. */
export interface AccessFacts {
  requester: RequesterKind;
  action: AccessAction;
  siteType: SiteType;
  /** GB/T 2260 code where the system is located. */
  systemDivisionCode: string;
  /** Public-area systems: the division of the people's government that built the system (art. 26(4)). */
  builderDivisionCode?: string | null;
  approvals?: readonly ApprovalFact[];
  officials?: readonly OfficialFact[];
  /** Law enforcement (26(1), 26(3)): the case number or legal basis. */
  legalBasis?: string | null;
  /** 26(2): reference of the public emergency being handled. */
  emergencyReference?: string | null;
  /** 26(2): the department belongs to a county-or-higher government and has power over this emergency. */
  emergencyDepartmentEntitled?: boolean;
  /** 27(3): the approval document of the public security organ was presented. */
  approvalDocumentPresented?: boolean;
  /** 27(3): a certification document issued by the requester's own unit was presented. */
  unitCertificationPresented?: boolean;
  /** 27(5): written undertaking to abide by the use and confidentiality rules. */
  confidentialityUndertaking?: boolean;
  /** 26(4): the citizen suffered heavy losses to personal, property or other rights and the situation is urgent. */
  urgentHeavyLoss?: boolean;
  /** 26(4): the unit using the system consents. */
  unitConsent?: boolean;
  /** 26(4): the legal reason that makes a copy of public-area footage necessary. */
  legalReasonForCopy?: string | null;
  /** 21(3), 26(4), 27(4): the register entry (who, when, which period, purpose, destination) is complete. */
  registrationDone?: boolean;
}

export interface AccessMatrixSettings {
  /**
   * Whom art. 27 ("relevant administrative departments … under art. 26") binds. `other_departments` (default, as the
   * issue's table): only 26(3) departments; `all_departments`: police, state security and emergency departments too
   * (art. 27(3) accepts "a certification document issued by the unit", which only makes sense for requesters that
   * need no police approval).
   */
  article27Scope: 'other_departments' | 'all_departments';
  /** Art. 27(1): "no less than two" officials. */
  minOfficials: number;
}

export const ACCESS_MATRIX_DEFAULTS: AccessMatrixSettings = Object.freeze({
  article27Scope: 'other_departments',
  minOfficials: 2,
});

export type ConditionCode =
  | 'LEGAL_BASIS'
  | 'BUREAU_HEAD_APPROVAL'
  | 'EMERGENCY_REFERENCE'
  | 'EMERGENCY_DEPARTMENT'
  | 'COUNTY_BUREAU_APPROVAL'
  | 'MIN_OFFICIALS'
  | 'WORK_CERTIFICATES'
  | 'APPROVAL_DOCUMENT'
  | 'APPROVAL_OR_UNIT_DOCUMENT'
  | 'REGISTRATION'
  | 'CONFIDENTIALITY_UNDERTAKING'
  | 'URGENT_HEAVY_LOSS'
  | 'UNIT_CONSENT'
  | 'CITIZEN_REGISTRATION'
  | 'CITIZEN_COPY_PROHIBITED'
  | 'LEGAL_REASON_FOR_COPY'
  | 'BUILDER_BUREAU_APPROVAL';

export type DutyCode = 'FREE_OF_CHARGE' | 'NO_OBSTRUCTION' | 'NO_REPRINT' | 'CONFIDENTIALITY';

/** Why a submitted approval does not satisfy the condition it was offered for. */
export type ApprovalDefect =
  | 'wrong_organ'
  | 'below_county_level'
  | 'outside_jurisdiction'
  | 'not_person_in_charge'
  | 'not_builder_government'
  | 'builder_government_unknown';

export const APPROVAL_DEFECTS: Readonly<Record<ApprovalDefect, { zh: string; en: string }>> = {
  wrong_organ: { zh: '批准机关类别不符', en: 'Approved by the wrong kind of organ' },
  below_county_level: { zh: '批准机关不是县级以上人民政府的机关（如派出所）', en: 'The approving organ is below county level (e.g. a police station)' },
  outside_jurisdiction: { zh: '批准机关不是技术防范系统所在地的机关', en: 'The approving organ is not the one where the system is located' },
  not_person_in_charge: { zh: '批准人不是该机关负责人', en: 'The approver is not the person in charge of the organ' },
  not_builder_government: { zh: '批准机关不是建设该系统的人民政府的公安机关', en: 'The approving organ is not the public security organ of the government that built the system' },
  builder_government_unknown: { zh: '未登记建设该系统的人民政府', en: 'The government that built the system is not recorded' },
};

export interface Condition<C extends string = ConditionCode> {
  code: C;
  article: string;
  zh: string;
  en: string;
}

export interface CheckedCondition extends Condition {
  met: boolean;
  /** For approval conditions that are not met although approvals were submitted: what is wrong with each. */
  defects?: ApprovalDefect[];
}

export interface AccessDecision {
  allowed: boolean;
  /** `refused`: the Measures forbid it whatever is brought; `incomplete`: allowed once `missing` is supplied. */
  outcome: 'allowed' | 'incomplete' | 'refused';
  /** The paragraph of art. 26 the request falls under. */
  basis: '26(1)' | '26(2)' | '26(3)' | '26(4)';
  /** Every condition of this cell of the matrix, met or not, in the order a requester meets them. */
  requires: CheckedCondition[];
  /** The conditions not met (a subset of `requires`). */
  missing: CheckedCondition[];
  /** What binds the parties once access is given (not checked here). */
  duties: Condition<DutyCode>[];
  /** Art. 25: police and state security pay nothing. */
  free: boolean;
  /** Officials who must be present when the footage is viewed or handed over (use by fewer is flagged). */
  officialsRequired: number;
}

const LEVEL_RANK: Record<BureauLevel, number> = { below_county: 0, county: 1, city: 2, province: 3, national: 4 };

const ORGAN_ZH: Record<OrganKind, string> = { public_security: '公安机关', state_security: '国家安全机关' };
const ORGAN_EN: Record<OrganKind, string> = { public_security: 'public security organ', state_security: 'state security organ' };

function given(s: string | null | undefined): boolean {
  return typeof s === 'string' && s.trim() !== '';
}

function covers(a: ApprovalFact, divisionCode: string): boolean {
  return a.level === 'national' || isWithin(divisionCode, a.jurisdictionCode);
}

/**
 * Checks the approvals offered against a requirement. Met if any one approval passes; otherwise the defects of each
 * (deduplicated), so the operator sees e.g. "a police station approved it" rather than just "approval missing".
 */
function judgeApprovals(
  approvals: readonly ApprovalFact[],
  check: (a: ApprovalFact) => ApprovalDefect[],
): { met: boolean; defects?: ApprovalDefect[] } {
  if (approvals.length === 0) return { met: false };
  const all = approvals.map(check);
  if (all.some((d) => d.length === 0)) return { met: true };
  return { met: false, defects: [...new Set(all.flat())] };
}

/** @article 26(1) — the person in charge of the requester's own kind of organ, county level or above, where the system is. */
function bureauHeadDefects(organ: OrganKind, systemDivision: string) {
  return (a: ApprovalFact): ApprovalDefect[] => {
    const d: ApprovalDefect[] = [];
    if (a.organ !== organ) d.push('wrong_organ');
    if (LEVEL_RANK[a.level] < LEVEL_RANK.county) d.push('below_county_level');
    if (!covers(a, systemDivision)) d.push('outside_jurisdiction');
    if (!a.byPersonInCharge) d.push('not_person_in_charge');
    return d;
  };
}

/** @article 26(3) — the public security organ (as an organ), county level or above, where the system is. */
function countyBureauDefects(systemDivision: string) {
  return (a: ApprovalFact): ApprovalDefect[] => {
    const d: ApprovalDefect[] = [];
    if (a.organ !== 'public_security') d.push('wrong_organ');
    if (LEVEL_RANK[a.level] < LEVEL_RANK.county) d.push('below_county_level');
    if (!covers(a, systemDivision)) d.push('outside_jurisdiction');
    return d;
  };
}

/** @article 26(4) — the public security organ of exactly the government that built the public-area system. */
function builderBureauDefects(builderDivision: string | null | undefined) {
  return (a: ApprovalFact): ApprovalDefect[] => {
    if (!given(builderDivision)) return ['builder_government_unknown'];
    const d: ApprovalDefect[] = [];
    if (a.organ !== 'public_security') d.push('wrong_organ');
    if (a.level === 'below_county' || a.level === 'national' || a.jurisdictionCode !== builderDivision) d.push('not_builder_government');
    return d;
  };
}

function twoZh(n: number): string {
  return n === 2 ? '两' : String(n);
}

function check(
  code: ConditionCode,
  article: string,
  zh: string,
  en: string,
  met: boolean,
  defects?: ApprovalDefect[],
): CheckedCondition {
  return defects && defects.length > 0 ? { code, article, zh, en, met, defects } : { code, article, zh, en, met };
}

const REGISTRATION_ZH = '履行登记手续（查看、复制人员，调取时间、用途和去向）';
const REGISTRATION_EN = 'Registration: who views or copies, when, the purpose and the destination';

/**
 * @article 27 — the five requirements for administrative departments. `documentCode` is APPROVAL_DOCUMENT where a
 * police approval exists (26(3)), APPROVAL_OR_UNIT_DOCUMENT where the requester needs none (26(1) view, 26(2)).
 */
function article27(f: AccessFacts, s: AccessMatrixSettings, documentCode: 'APPROVAL_DOCUMENT' | 'APPROVAL_OR_UNIT_DOCUMENT'): CheckedCondition[] {
  const officials = f.officials ?? [];
  const n = s.minOfficials;
  const doc =
    documentCode === 'APPROVAL_DOCUMENT'
      ? check('APPROVAL_DOCUMENT', '27(3)', '出示公安机关的批准文件', 'The approval document of the public security organ is presented', f.approvalDocumentPresented === true)
      : check(
          'APPROVAL_OR_UNIT_DOCUMENT',
          '27(3)',
          '出示公安机关的批准文件或者本单位出具的证明文件',
          'The approval document of the public security organ, or a certification document from the requester’s own unit, is presented',
          f.approvalDocumentPresented === true || f.unitCertificationPresented === true,
        );
  return [
    check('MIN_OFFICIALS', '27(1)', `不少于${twoZh(n)}人`, `At least ${n} officials`, officials.length >= n),
    check(
      'WORK_CERTIFICATES',
      '27(2)',
      '每名人员出示工作证件',
      'Each official shows a work certificate',
      officials.length > 0 && officials.every((o) => o.workCertificateShown),
    ),
    doc,
    check('REGISTRATION', '27(4)', REGISTRATION_ZH, REGISTRATION_EN, f.registrationDone === true),
    check(
      'CONFIDENTIALITY_UNDERTAKING',
      '27(5)',
      '承诺遵守技术防范系统相关信息的使用和保密制度',
      'Undertaking to abide by the use and confidentiality rules for the information',
      f.confidentialityUndertaking === true,
    ),
  ];
}

function registration21(f: AccessFacts): CheckedCondition {
  return check('REGISTRATION', '21(3)', REGISTRATION_ZH, REGISTRATION_EN, f.registrationDone === true);
}

const DUTY: Record<DutyCode, Condition<DutyCode>> = {
  FREE_OF_CHARGE: {
    code: 'FREE_OF_CHARGE',
    article: '25',
    zh: '无偿接入、使用信息资源，不得向有关单位收取费用',
    en: 'Access and use are free of charge, and no fee is charged to the unit',
  },
  NO_OBSTRUCTION: { code: 'NO_OBSTRUCTION', article: '24(4)', zh: '使用单位不得拒绝、阻碍依法获取信息', en: 'The unit may not refuse or obstruct lawful access' },
  NO_REPRINT: { code: 'NO_REPRINT', article: '26(4)', zh: '只能查看部分信息，不得翻录、复制、调取', en: 'Viewing of part of the footage only: no re-recording, copying or retrieval' },
  CONFIDENTIALITY: { code: 'CONFIDENTIALITY', article: '26(5)', zh: '依法履行保密管理责任', en: 'Keep the information confidential as the law requires' },
};

/**
 * @article 21(3), 25, 26, 27 — decide a request against the matrix. Never throws for a lawful shape of facts; the
 * caller refuses with `refuse('…', decision.basis)` or shows `missing`.
 */
export function evaluateAccess(f: AccessFacts, settings: AccessMatrixSettings = ACCESS_MATRIX_DEFAULTS): AccessDecision {
  const approvals = f.approvals ?? [];
  const all27 = settings.article27Scope === 'all_departments';
  let basis: AccessDecision['basis'];
  let requires: CheckedCondition[];
  let refused = false;
  let free = false;
  let officialsRequired = 1;
  const duties: Condition<DutyCode>[] = [];

  switch (f.requester) {
    case 'public_security':
    case 'state_security': {
      // @article 26(1) — view for law enforcement; copy and retrieve with the person in charge's approval.
      basis = '26(1)';
      const organ: OrganKind = f.requester;
      requires = [check('LEGAL_BASIS', '26(1)', '执法需要：注明案件编号或法律依据', 'Law-enforcement need: a case number or legal basis', given(f.legalBasis))];
      if (f.action !== 'view') {
        const j = judgeApprovals(approvals, bureauHeadDefects(organ, f.systemDivisionCode));
        requires.push(
          check(
            'BUREAU_HEAD_APPROVAL',
            '26(1)',
            `经技术防范系统所在地县级以上人民政府${ORGAN_ZH[organ]}负责人批准`,
            `Approval by the person in charge of the ${ORGAN_EN[organ]} of a people’s government at or above county level where the system is located`,
            j.met,
            j.defects,
          ),
        );
      }
      requires.push(...(all27 ? article27(f, settings, 'APPROVAL_OR_UNIT_DOCUMENT') : [registration21(f)]));
      if (all27) officialsRequired = settings.minOfficials;
      // @article 25 — police and state security access free of charge.
      free = true;
      duties.push(DUTY.FREE_OF_CHARGE, DUTY.NO_OBSTRUCTION);
      break;
    }
    case 'emergency_department': {
      // @article 26(2) — view, copy and retrieve while handling a public emergency.
      basis = '26(2)';
      requires = [
        check(
          'EMERGENCY_DEPARTMENT',
          '26(2)',
          '请求部门属县级以上人民政府并有权调查处置该突发公共事件',
          'The department belongs to a people’s government at or above county level and has power to investigate and handle the emergency',
          f.emergencyDepartmentEntitled === true,
        ),
        check('EMERGENCY_REFERENCE', '26(2)', '注明所处置的突发公共事件', 'The public emergency being handled is referenced', given(f.emergencyReference)),
        ...(all27 ? article27(f, settings, 'APPROVAL_OR_UNIT_DOCUMENT') : [registration21(f)]),
      ];
      if (all27) officialsRequired = settings.minOfficials;
      duties.push(DUTY.NO_OBSTRUCTION);
      break;
    }
    case 'administrative_department': {
      // @article 26(3) + 27 — every action needs the county-or-higher bureau's approval, and art. 27's five items.
      basis = '26(3)';
      const j = judgeApprovals(approvals, countyBureauDefects(f.systemDivisionCode));
      requires = [
        check('LEGAL_BASIS', '26(3)', '执法需要：注明案件编号或法律依据', 'Law-enforcement need: a case number or legal basis', given(f.legalBasis)),
        check(
          'COUNTY_BUREAU_APPROVAL',
          '26(3)',
          '经技术防范系统所在地县级以上人民政府公安机关批准',
          'Approval by the public security organ of a people’s government at or above county level where the system is located',
          j.met,
          j.defects,
        ),
        ...article27(f, settings, 'APPROVAL_DOCUMENT'),
      ];
      officialsRequired = settings.minOfficials;
      duties.push(DUTY.NO_OBSTRUCTION);
      break;
    }
    case 'citizen': {
      basis = '26(4)';
      if (f.action === 'view') {
        // @article 26(4) — view part of the footage with the unit's consent; the unit registers who, which period, why.
        requires = [
          check(
            'URGENT_HEAVY_LOSS',
            '26(4)',
            '本人人身、财产等合法权益遭受重大损失且情况紧急',
            'The citizen has suffered heavy losses to personal, property or other rights and the situation is urgent',
            f.urgentHeavyLoss === true,
          ),
          check('UNIT_CONSENT', '26(4)', '经技术防范系统使用单位同意', 'Consent of the unit using the system', f.unitConsent === true),
          check(
            'CITIZEN_REGISTRATION',
            '26(4)',
            '使用单位登记查看人员身份信息、查看信息的起止时段和查看事由',
            'The unit registers the viewer’s identity, the start and end of the period viewed, and the reason',
            f.registrationDone === true,
          ),
        ];
        duties.push(DUTY.NO_REPRINT);
      } else if (f.action === 'copy' && f.siteType === 'public_area' && given(f.legalReasonForCopy)) {
        // @article 26(4), last sentence — a copy of public-area footage for a legal reason, approved by the
        // public security organ of the government that built the system.
        const j = judgeApprovals(approvals, builderBureauDefects(f.builderDivisionCode));
        const builderUnknown = !given(f.builderDivisionCode);
        requires = [
          check('LEGAL_REASON_FOR_COPY', '26(4)', '确因法定事由需要复制（注明事由）', 'A legal reason that makes the copy necessary is stated', true),
          check(
            'BUILDER_BUREAU_APPROVAL',
            '26(4)',
            '经建设该公共区域技术防范系统的人民政府公安机关批准',
            'Approval by the public security organ of the people’s government that built this public-area system',
            j.met && !builderUnknown,
            builderUnknown ? ['builder_government_unknown'] : j.defects,
          ),
          registration21(f),
        ];
      } else {
        // @article 26(4) — citizens may not re-record, copy or retrieve (the public-area copy for a legal reason
        // is the only exception, and needs that reason stated).
        refused = true;
        const publicAreaCopy = f.action === 'copy' && f.siteType === 'public_area';
        requires = [
          check(
            'CITIZEN_COPY_PROHIBITED',
            '26(4)',
            publicAreaCopy
              ? '公民不得翻录、复制、调取；公共区域的信息确因法定事由需要复制的，须说明事由并经建设该系统的人民政府公安机关批准'
              : f.action === 'retrieve'
                ? '公民不得调取技术防范系统信息'
                : '公民不得翻录、复制重点单位技术防范系统信息',
            publicAreaCopy
              ? 'Citizens may not re-record, copy or retrieve; a copy of public-area footage needs a stated legal reason and the approval of the public security organ of the government that built the system'
              : f.action === 'retrieve'
                ? 'Citizens may not retrieve footage'
                : 'Citizens may not re-record or copy footage of a key unit’s system',
            false,
          ),
        ];
      }
      break;
    }
    default: {
      const never: never = f.requester;
      throw new Error(`unknown requester kind ${String(never)}`);
    }
  }

  duties.push(DUTY.CONFIDENTIALITY);
  const missing = requires.filter((c) => !c.met);
  const allowed = !refused && missing.length === 0;
  return {
    allowed,
    outcome: refused ? 'refused' : allowed ? 'allowed' : 'incomplete',
    basis,
    requires,
    missing,
    duties,
    free,
    officialsRequired,
  };
}
