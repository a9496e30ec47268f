import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUS,
  APPLICATION_STATUSES,
  CERTIFICATE_STATUS,
  CERTIFICATE_STATUSES,
  applicationStatus,
  certificateStatus,
  statusLabel,
} from './status';

const BADGES = ['success', 'processing', 'default', 'error', 'warning'];

describe('status presentation', () => {
  it('lists every application status of the contract', () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual(
      ['accepted', 'approved', 'examined', 'not_accepted', 'refused', 'submitted', 'supplement_required', 'withdrawn'].sort(),
    );
  });

  it('lists every certificate status of the contract', () => {
    expect([...CERTIFICATE_STATUSES].sort()).toEqual(['expired', 'expiring', 'revoked', 'superseded', 'valid']);
  });

  it.each([...Object.entries(APPLICATION_STATUS), ...Object.entries(CERTIFICATE_STATUS)])(
    '%s has a Chinese and an English label and valid colours',
    (_value, p) => {
      expect(p.zh.trim()).not.toBe('');
      expect(p.en.trim()).not.toBe('');
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/^[A-Z]/);
      expect(BADGES).toContain(p.badge);
      expect(p.tag).not.toBe('');
    },
  );

  it('marks exactly the statuses still being handled as open', () => {
    const open = APPLICATION_STATUSES.filter((s) => APPLICATION_STATUS[s].open).sort();
    expect(open).toEqual(['accepted', 'examined', 'submitted', 'supplement_required']);
  });

  it('shows an unknown value as itself rather than failing', () => {
    expect(statusLabel(applicationStatus('suspended'), 'zh-CN')).toBe('suspended');
    expect(certificateStatus('nope').badge).toBe('default');
    expect(statusLabel(certificateStatus('valid'), 'en')).toBe('Valid');
  });
});
