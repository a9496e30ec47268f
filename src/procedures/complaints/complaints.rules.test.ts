import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { TRACKING_PATTERN, cleanDraft, newAccessCode, newTrackingNumber, normaliseAccessCode, routeComplaint } from './complaints.rules.js';
import { allowedSteps } from './complaints.states.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'none';
};

describe('complaint rules (art. 30, 39)', () => {
  it('routes by division: county bureau, city bureau without counties, supervision for officials', () => {
    expect(routeComplaint('place', '440106')).toEqual({ queue: 'bureau', handlingUnitId: 'PSB-440106' });
    expect(routeComplaint('company', '441900')).toEqual({ queue: 'bureau', handlingUnitId: 'PSB-441900' });
    expect(routeComplaint('place', '440100')).toEqual({ queue: 'bureau', handlingUnitId: 'PSB-440100' });
    expect(routeComplaint('official', '440106')).toEqual({ queue: 'supervision', handlingUnitId: null });
    expect(code(() => routeComplaint('place', '440000'))).toBe('COMPLAINT_INPUT_INVALID');
    expect(code(() => routeComplaint('official', '110101'))).toBe('DIVISION_UNKNOWN');
  });

  it('cleans a draft: certificate only for companies, blanks are anonymous', () => {
    const d = cleanDraft({ kind: 'report', subjectKind: 'place', subjectName: ' 某场所 ', divisionCode: '440106', content: '  内容足够长的一段描述文字  ', certificateNumber: 'X', name: '  ', contact: '' });
    expect(d).toMatchObject({ subjectName: '某场所', certificateNumber: null, name: null, contact: null });
    expect(code(() => cleanDraft({ ...d, content: '短' }))).toBe('COMPLAINT_INPUT_INVALID');
    expect(code(() => cleanDraft({ ...d, kind: 'praise' }))).toBe('COMPLAINT_INPUT_INVALID');
  });

  it('makes random tracking numbers and access codes that survive retyping', () => {
    const a = newTrackingNumber('2026');
    expect(a).toMatch(TRACKING_PATTERN);
    expect(newTrackingNumber('2026')).not.toBe(a);
    const c = newAccessCode();
    expect(normaliseAccessCode(c.toLowerCase().replace(/-/g, ' '))).toBe(normaliseAccessCode(c));
  });

  it('lets the supervisory queue neither transfer nor inspect', () => {
    expect(allowedSteps('accepted', 'bureau')).toEqual(['start', 'transfer', 'close', 'inspect']);
    expect(allowedSteps('accepted', 'supervision')).toEqual(['start', 'close']);
    expect(allowedSteps('closed', 'bureau')).toEqual([]);
  });
});
