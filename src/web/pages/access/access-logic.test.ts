import { describe, expect, it } from 'vitest';
import type { AccessEvaluation, AccessRequestDetail, GrantFile, MatrixCondition } from '../../api/access-types';
import { makeResidentId } from '../../../platform/identifiers/resident-id';
import {
  actionsFor,
  awaitedSteps,
  checkOfficialId,
  conditionRows,
  duplicateIdIndexes,
  formShape,
  grantQrPayload,
  grantValidity,
  hasStep,
  idsFrom,
  matrixSummary,
  registerHref,
  registerQueryFrom,
  shanghaiDate,
  supplierOf,
} from './access-logic';

const TODAY = '2026-03-02';
const ID = makeResidentId('44010619850101001');
const wrongCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');

const cond = (code: string, met: boolean, article = '26(3)', defects?: string[]): MatrixCondition => ({ code, article, zh: code, en: code, met, ...(defects ? { defects } : {}) });
const evaluation = (requires: MatrixCondition[], outcome: AccessEvaluation['outcome'] = 'incomplete'): AccessEvaluation => ({
  outcome,
  allowed: outcome === 'allowed',
  basis: '26(3)',
  requires,
  missing: requires.filter((c) => !c.met),
  duties: [],
  free: false,
  officialsRequired: 2,
});
const request = (requires: MatrixCondition[], over: Partial<AccessRequestDetail> = {}) =>
  ({ status: 'pending', requesterKind: 'administrative_department', unitId: 'unit-1', evaluation: evaluation(requires), ...over }) as AccessRequestDetail;

describe('identity numbers in the form (GB 11643, the server’s own code)', () => {
  it('accepts a valid number and masks it as the register shows it', () => {
    const c = checkOfficialId(ID, TODAY);
    expect(c.ok).toBe(true);
    expect(c.masked).toBe(`${ID.slice(0, 3)}***********${ID.slice(-4)}`);
    expect(c.masked).not.toContain(ID.slice(3, 14));
  });

  it('normalises what people type: spaces, full-width digits, a lower-case x', () => {
    const withX = makeResidentId('11010519491231002'); // this one ends in X
    expect(withX.endsWith('X')).toBe(true);
    const typed = ` ${withX.slice(0, 6)} ${withX.slice(6, 17)}x`.replace(/1/g, '１');
    const c = checkOfficialId(typed, TODAY);
    expect(c).toMatchObject({ ok: true, value: withX });
  });

  it('refuses a wrong check character, a short number and a future birth date, with a reason in both languages', () => {
    expect(checkOfficialId(wrongCheck, TODAY)).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(checkOfficialId(wrongCheck, TODAY).message?.zh).toContain('校验码');
    expect(checkOfficialId(ID.slice(0, 15), TODAY)).toMatchObject({ ok: false, reason: 'length' });
    expect(checkOfficialId(makeResidentId('44010620270101001'), TODAY)).toMatchObject({ ok: false, reason: 'birth_date_future' });
    expect(checkOfficialId('', TODAY).ok).toBe(false);
    // A malformed value never shows more than a well-formed one would.
    expect(checkOfficialId('4401061985', TODAY).masked).toBe('**********');
  });

  it('finds the same person listed twice (art. 27(1) counts people, not rows)', () => {
    expect(duplicateIdIndexes([ID, makeResidentId('44010619870202002'), ` ${ID.toLowerCase()} `, ''])).toEqual([2]);
    expect(duplicateIdIndexes([undefined, null, ''])).toEqual([]);
  });

  it('dates birth dates against the Shanghai calendar day', () => {
    expect(shanghaiDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
  });
});

describe('the form by role (the server derives the row of art. 26)', () => {
  it('unit users register citizens, who only view (26(4)), except a public-area copy', () => {
    expect(formShape('unit_user', true)).toMatchObject({ citizenOnly: true, showLegalBasis: false, initialOfficials: 1 });
    expect(actionsFor(true, false)).toEqual(['view']);
    expect(actionsFor(true, true)).toEqual(['view', 'copy']);
    expect(actionsFor(false, false)).toEqual(['view', 'copy', 'retrieve']);
  });

  it('departments start with two officials and the undertaking (art. 27); officers with a case number', () => {
    expect(formShape('department_user', false)).toMatchObject({ initialOfficials: 2, showUndertaking: true, mayRegisterCitizen: false });
    expect(formShape('county_officer', false)).toMatchObject({ showLegalBasis: true, mayRegisterCitizen: true, showUndertaking: false });
    expect(formShape('county_officer', true).showLegalBasis).toBe(false);
  });
});

describe('the matrix on screen', () => {
  it('keeps the server’s order, marks the citizen prohibition as forbidden and keeps approval defects', () => {
    const rows = conditionRows(
      evaluation([
        cond('LEGAL_BASIS', true),
        cond('COUNTY_BUREAU_APPROVAL', false, '26(3)', ['below_county_level']),
        cond('MIN_OFFICIALS', false, '27(1)'),
        cond('CITIZEN_COPY_PROHIBITED', false, '26(4)'),
      ]),
    );
    expect(rows.map((r) => [r.code, r.state, r.supplier])).toEqual([
      ['LEGAL_BASIS', 'met', 'requester'],
      ['COUNTY_BUREAU_APPROVAL', 'missing', 'approver'],
      ['MIN_OFFICIALS', 'missing', 'requester'],
      ['CITIZEN_COPY_PROHIBITED', 'forbidden', 'none'],
    ]);
    expect(rows[1].defects).toEqual(['below_county_level']);
    expect(rows[0].defects).toEqual([]);
  });

  it('says who is awaited, requester first, and counts what is met', () => {
    const s = matrixSummary(evaluation([cond('UNIT_CONSENT', false, '26(4)'), cond('BUREAU_HEAD_APPROVAL', false, '26(1)'), cond('WORK_CERTIFICATES', false, '27(2)'), cond('REGISTRATION', true, '21(3)')]));
    expect(s).toEqual({ met: 1, total: 4, waitingFor: ['requester', 'approver', 'unit'] });
    expect(supplierOf('BUILDER_BUREAU_APPROVAL')).toBe('approver');
    expect(supplierOf('URGENT_HEAVY_LOSS')).toBe('none');
  });
});

describe('the steps offered on a request are the server’s', () => {
  it('shows a step only when the server lists it in `actions`', () => {
    expect(hasStep({ actions: ['approve', 'refuse'] }, 'approve')).toBe(true);
    expect(hasStep({ actions: ['withdraw'] }, 'approve')).toBe(false);
    expect(hasStep({}, 'withdraw')).toBe(false);
    expect(hasStep(null, 'withdraw')).toBe(false);
  });

  it('tags a queue item with what the user is waited for, approval before consent', () => {
    expect(awaitedSteps(['consent', 'refuse-consent', 'approve', 'refuse', 'withdraw'])).toEqual(['approve', 'consent']);
    expect(awaitedSteps(['supplement', 'withdraw'])).toEqual([]);
    expect(awaitedSteps(undefined)).toEqual([]);
  });
});

describe('the grant for the VMS', () => {
  const file = (officials: number): GrantFile => ({
    format: 'jifang-access-grant/1',
    grant: {
      id: 'g1',
      requestId: 'r1',
      issuer: 'jifang.example',
      issuedAt: '2026-03-02T01:00:00.000Z',
      expiresAt: '2026-03-05T01:00:00.000Z',
      basis: '26(3)',
      action: 'copy',
      requesterKind: 'administrative_department',
      organisation: '天河区市场监督管理局',
      site: { id: 's1', name: '银行网点' },
      unitId: 'u1',
      cameras: [{ deviceId: 'd1', deviceCode: '44010600001310000001', name: '门口' }],
      window: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T02:00:00Z' },
      officials: Array.from({ length: officials }, (_, i) => ({ id: `o${i}`, name: '张三', idNumberMasked: '440***********1234', workCertificateNo: `ZF-${i}` })),
      officialsRequired: 2,
      purpose: '执法检查',
      destination: '本局案卷',
      free: false,
      duties: [{ code: 'CONFIDENTIALITY', article: '26(5)' }],
    },
    signature: { alg: 'SM2', keyId: 'k1', value: 'MEUCIQ' },
    publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
  });

  it('puts a small signed grant in the QR code whole, without the key copy (the VMS pins its own)', () => {
    const qr = grantQrPayload(file(2), 'https://jf.example/api/access/grants/g1');
    expect(qr.kind).toBe('file');
    const parsed = JSON.parse(qr.text) as GrantFile;
    expect(parsed.signature.value).toBe('MEUCIQ');
    expect(parsed.grant.id).toBe('g1');
    expect(parsed.publicKey).toBeUndefined();
  });

  it('falls back to the file’s address when the grant is too large for a QR code', () => {
    expect(grantQrPayload(file(10), 'https://jf.example/api/access/grants/g1', 500)).toEqual({ kind: 'url', text: 'https://jf.example/api/access/grants/g1' });
  });

  it('knows when a grant is valid', () => {
    const g = file(1).grant;
    expect(grantValidity(g, new Date('2026-03-03T00:00:00Z'))).toBe('valid');
    expect(grantValidity(g, new Date('2026-03-06T00:00:00Z'))).toBe('expired');
    expect(grantValidity(g, new Date('2026-03-01T00:00:00Z'))).toBe('not_yet');
  });
});

describe('the register in the address bar', () => {
  it('keeps known filters and drops malformed ones (the API would answer 400)', () => {
    const q = registerQueryFrom(new URLSearchParams('kind=exported&flag=single_official&from=2026-03-01&to=2026-03-02T00:00:00Z&division=440106&unitId=u1&officialId=o1&outsideGrant=true&page=2'));
    expect(q).toEqual({ kind: 'exported', flag: 'single_official', from: '2026-03-01', to: '2026-03-02T00:00:00Z', division: '440106', unitId: 'u1', officialId: 'o1', outsideGrant: 'true', page: 2 });
    expect(registerQueryFrom(new URLSearchParams('kind=deleted&flag=x&from=yesterday&division=44&page=0&outsideGrant=yes'))).toEqual({});
  });

  it('turns oversight links into register views: the API query, or the entries behind a flag', () => {
    expect(registerHref({ apiLink: '/api/access/register?officialId=o1&from=2026-03-01' })).toBe('/access/register?officialId=o1&from=2026-03-01');
    expect(registerHref({ ids: ['e1', 'e2'] })).toBe('/access/register?ids=e1%2Ce2');
    expect(registerHref({ extra: { from: '2026-03-01' } })).toBe('/access/register?from=2026-03-01');
    expect(registerHref({})).toBe('/access/register');
    expect(idsFrom(new URLSearchParams('ids=e1,%20e2,,e3'))).toEqual(['e1', 'e2', 'e3']);
    expect(idsFrom(new URLSearchParams(`ids=${Array.from({ length: 150 }, (_, i) => `e${i}`).join(',')}`))).toHaveLength(100);
  });

  it('passes the organisation and an oversight flag’s entry ids to the API', () => {
    const q = registerQueryFrom(new URLSearchParams(`organisation=${encodeURIComponent('广州市应急管理局')}&organisationContains=%20应急%20&ids=e1,e2,e1,bad%20id`));
    expect(q).toEqual({ organisation: '广州市应急管理局', organisationContains: '应急', ids: 'e1,e2' });
    expect(registerHref({ apiLink: `/api/access/register?organisation=${encodeURIComponent('天河区市场监督管理局')}` })).toBe(`/access/register?organisation=${encodeURIComponent('天河区市场监督管理局')}`);
  });
});
