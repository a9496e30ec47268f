import { describe, expect, it } from 'vitest';
import { zhCN } from './messages.zh-CN';
import { en } from './messages.en';
import { translate } from './translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('zh-CN and en have identical key sets', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('no message is empty', () => {
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('each message uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('substitutes placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'common.daysLeft', { n: 3 })).toBe('3 days left');
    expect(translate('zh-CN', 'common.daysLeft', { n: 3 })).toBe('剩余 3 天');
    expect(translate('en', 'common.daysLeft')).toBe('{n} days left');
  });
});
