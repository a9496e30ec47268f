import { describe, expect, it } from 'vitest';
import { prefillDetail } from './inspections-logic';

describe('prefillDetail: a finding detail shown on the checklist', () => {
  const bilingual = JSON.stringify({ zh: '设定存储 15 天，少于 30 天', en: 'Configured retention 15 days, below 30' });

  it('reads the registry bilingual JSON in the page language', () => {
    expect(prefillDetail(bilingual, 'zh')).toBe('设定存储 15 天，少于 30 天');
    expect(prefillDetail(bilingual, 'en')).toBe('Configured retention 15 days, below 30');
  });

  it('falls back to Chinese when there is no English', () => {
    expect(prefillDetail(JSON.stringify({ zh: '未张贴标识' }), 'en')).toBe('未张贴标识');
  });

  it('keeps plain text and JSON scalars as they are', () => {
    expect(prefillDetail('录像仅 15 日', 'zh')).toBe('录像仅 15 日');
    expect(prefillDetail(JSON.stringify('录像仅 15 日'), 'zh')).toBe('录像仅 15 日');
    expect(prefillDetail('15', 'zh')).toBe('15');
  });

  it('shows nothing for no detail or an object that is not text', () => {
    expect(prefillDetail(null, 'zh')).toBeNull();
    expect(prefillDetail('', 'zh')).toBeNull();
    expect(prefillDetail(JSON.stringify({ days: 15 }), 'zh')).toBeNull();
  });
});
