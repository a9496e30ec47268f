import { describe, expect, it } from 'vitest';
import {
  canUndertake,
  certificateNumber,
  certificateNumberPrefix,
  certificateStatus,
  certificateValidTo,
  currentCertificate,
  extendedValidTo,
  latestCertificate,
  levelHeldSince,
  renewalStart,
  sequenceOf,
  type CertificateFacts,
  type LevelScope,
} from './certificate.rules.js';

const cert = (over: Partial<CertificateFacts>): CertificateFacts => ({
  id: 'c1',
  number: 'GD-JF-4401-2025-000001',
  kind: 'qualification',
  level: 'IV',
  validFrom: '2025-03-01',
  validTo: '2027-02-28',
  revokedAt: null,
  supersededBy: null,
  ...over,
});

describe('art. 15, 16 — validity: 2 years (record 1 year), last day the eve of the anniversary', () => {
  it.each([
    ['2026-03-01', 2, '2028-02-29'],
    ['2026-03-02', 2, '2028-03-01'],
    ['2024-02-29', 2, '2026-02-28'],
    ['2024-02-29', 4, '2028-02-28'],
    ['2026-01-01', 2, '2027-12-31'],
    ['2026-03-01', 1, '2027-02-28'],
    ['2027-03-01', 1, '2028-02-29'],
  ] as const)('from %s for %i years → %s', (from, years, to) => expect(certificateValidTo(from, years)).toBe(to));
});

describe('art. 15 — certificate status from dates', () => {
  const c = cert({ validTo: '2026-04-30' });
  it.each([
    ['31 days left', '2026-03-30', 'valid'],
    ['30 days left', '2026-03-31', 'expiring'],
    ['last day', '2026-04-30', 'expiring'],
    ['the day after', '2026-05-01', 'expired'],
  ] as const)('%s → %s', (_n, today, status) => expect(certificateStatus(c, today, 30)).toBe(status));

  it('revoked and superseded win over dates', () => {
    expect(certificateStatus({ ...c, revokedAt: '2026-01-01T00:00:00Z' }, '2026-03-01', 30)).toBe('revoked');
    expect(certificateStatus({ ...c, supersededBy: 'c2' }, '2026-03-01', 30)).toBe('superseded');
    expect(certificateStatus({ ...c, revokedAt: 'x', supersededBy: 'c2' }, '2026-03-01', 30)).toBe('revoked');
  });

  it('a renewed certificate issued ahead of its start is valid', () => {
    expect(certificateStatus(cert({ validFrom: '2026-05-01', validTo: '2028-04-30' }), '2026-04-10', 30)).toBe('valid');
  });
});

describe('art. 15 — succession: renewal, extension, time at a level', () => {
  it.each([
    ['2026-04-30', '2026-04-10', '2026-05-01'],
    ['2026-04-30', '2026-04-30', '2026-05-01'],
    ['2026-04-30', '2026-05-03', '2026-05-03'],
    ['2028-02-28', '2028-02-01', '2028-02-29'],
  ] as const)('old valid to %s, approved %s → new from %s', (to, today, from) => expect(renewalStart(to, today)).toBe(from));

  it('extension pushes the last day', () => {
    expect(extendedValidTo('2026-04-30', 90)).toBe('2026-07-29');
    expect(extendedValidTo('2028-02-01', 30)).toBe('2028-03-02');
  });

  it('time at a level runs through renewals, not through a promotion', () => {
    const a = cert({ id: 'a', level: 'IV', validFrom: '2022-01-01', supersededBy: 'b' });
    const b = cert({ id: 'b', level: 'IV', validFrom: '2024-01-01', supersededBy: 'c' });
    const c = cert({ id: 'c', level: 'III', validFrom: '2025-06-01', supersededBy: 'd' });
    const d = cert({ id: 'd', level: 'III', validFrom: '2027-06-01' });
    expect(levelHeldSince([a, b, c, d], b)).toBe('2022-01-01');
    expect(levelHeldSince([a, b, c, d], d)).toBe('2025-06-01');
    expect(levelHeldSince([a, b, c, d], c)).toBe('2025-06-01');
  });

  it('the current certificate ignores revoked, superseded and expired ones and prefers the higher level', () => {
    const certs = [
      cert({ id: 'old', supersededBy: 'x' }),
      cert({ id: 'rev', level: 'I', revokedAt: 't' }),
      cert({ id: 'exp', level: 'II', validTo: '2026-01-01' }),
      cert({ id: 'iv', level: 'IV' }),
      cert({ id: 'iii', level: 'III' }),
      cert({ id: 'rec', kind: 'record', level: 'I' }),
    ];
    expect(currentCertificate(certs, 'qualification', '2026-03-01')?.id).toBe('iii');
    expect(currentCertificate(certs, 'record', '2026-03-01')?.id).toBe('rec');
    expect(currentCertificate([], 'qualification', '2026-03-01')).toBeNull();
  });

  it('the latest certificate for a renewal includes an expired one, so a late filing is told it is late', () => {
    const certs = [cert({ id: 'old', validTo: '2025-01-01', supersededBy: 'x' }), cert({ id: 'exp', validTo: '2026-01-01' }), cert({ id: 'rev', validTo: '2027-01-01', revokedAt: 't' })];
    expect(latestCertificate(certs, 'qualification')?.id).toBe('exp');
    expect(latestCertificate(certs, 'record')).toBeNull();
  });
});

describe('art. 14(2), 16 — canUndertake: only within the level, only with a certificate in force', () => {
  const levels: LevelScope[] = [
    { level: 'I', projectScales: [1, 2, 3] },
    { level: 'II', projectScales: [2, 3] },
    { level: 'III', projectScales: [3] },
    { level: 'IV', projectScales: [3] },
  ];
  const today = '2026-03-01';
  it.each([
    ['level IV, small project', [cert({})], 3, { allowed: true, reason: 'in_scope', article: '14(2)' }],
    ['level IV, medium project', [cert({})], 2, { allowed: false, reason: 'beyond_level', article: '14(2)' }],
    ['level I, large project', [cert({ level: 'I' })], 1, { allowed: true, reason: 'in_scope' }],
    ['no certificate', [], 3, { allowed: false, reason: 'no_certificate', article: '14(2)' }],
    ['expired', [cert({ validTo: '2026-02-28' })], 3, { allowed: false, reason: 'expired' }],
    ['revoked', [cert({ revokedAt: '2026-01-01T00:00:00Z' })], 3, { allowed: false, reason: 'revoked' }],
    ['not yet started', [cert({ validFrom: '2026-03-02' })], 3, { allowed: false, reason: 'no_certificate' }],
    ['last valid day', [cert({ validTo: '2026-03-01' })], 3, { allowed: true }],
  ] as const)('%s', (_n, certs, scale, expected) => {
    expect(canUndertake(certs, scale, today, levels)).toMatchObject(expected);
  });

  it('a renewed certificate keeps the old one in force until the new one starts', () => {
    const old = cert({ id: 'old', validTo: '2026-03-10', supersededBy: 'new' });
    const next = cert({ id: 'new', number: 'N2', validFrom: '2026-03-11', validTo: '2028-03-10' });
    expect(canUndertake([old, next], 3, '2026-03-01', levels)).toMatchObject({ allowed: true, certificateNumber: old.number });
    expect(canUndertake([old, next], 3, '2026-03-11', levels)).toMatchObject({ allowed: true, certificateNumber: 'N2' });
  });

  it('a promotion replaces the old level from its first day', () => {
    const old = cert({ id: 'old', level: 'III', supersededBy: 'new' });
    const next = cert({ id: 'new', number: 'N2', level: 'II', validFrom: today, validTo: '2028-02-29' });
    expect(canUndertake([old, next], 2, today, levels)).toMatchObject({ allowed: true, certificateNumber: 'N2' });
  });

  it('out-of-province companies need a record certificate (art. 16)', () => {
    const rec = cert({ kind: 'record', level: 'II', number: 'GD-JFBA-2026-000001' });
    expect(canUndertake([rec], 2, today, levels, 'out_of_province')).toMatchObject({ allowed: true, article: '16' });
    expect(canUndertake([cert({ level: 'I' })], 2, today, levels, 'out_of_province')).toMatchObject({ allowed: false, article: '16', reason: 'no_certificate' });
  });
});

describe('certificate numbers: ASCII, URL-safe, sequence per city and year', () => {
  it('formats and parses', () => {
    const p = certificateNumberPrefix('qualification', '440100', '2026');
    expect(certificateNumber(p, 123)).toBe('GD-JF-4401-2026-000123');
    expect(certificateNumber(certificateNumberPrefix('record', null, '2026'), 45)).toBe('GD-JFBA-2026-000045');
    expect(sequenceOf(p, 'GD-JF-4401-2026-000123')).toBe(123);
    expect(sequenceOf(p, 'GD-JF-4403-2026-000123')).toBe(0);
    expect(sequenceOf(p, null)).toBe(0);
    expect(() => certificateNumberPrefix('qualification', '430100', '2026')).toThrow();
  });
});
