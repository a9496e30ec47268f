import { describe, expect, it } from 'vitest';
import { formatArticle } from './article';

describe('formatArticle', () => {
  it.each([
    ['15', '依据《办法》第15条', 'Article 15 of the Measures'],
    ['15(2)', '依据《办法》第15条第二款', 'Article 15(2) of the Measures'],
    ['21(3)(4)', '依据《办法》第21条第三款第（四）项', 'Article 21(3)(4) of the Measures'],
    ['行政许可法32', '依据《行政许可法》第32条', 'Article 32 of the Administrative Licensing Law'],
    ['《行政许可法》44', '依据《行政许可法》第44条', 'Article 44 of the Administrative Licensing Law'],
    ['某规定7(1)', '依据《某规定》第7条第一款', 'Article 7(1) of the 某规定'],
  ])('%s', (article, zh, en) => {
    expect(formatArticle(article, 'zh-CN')).toBe(zh);
    expect(formatArticle(article, 'en')).toBe(en);
  });

  it('accepts a number', () => {
    expect(formatArticle(16, 'zh-CN')).toBe('依据《办法》第16条');
  });

  it('shows an unrecognised citation as it is', () => {
    expect(formatArticle('annex B', 'en')).toBe('Basis: annex B');
    expect(formatArticle('附件二', 'zh-CN')).toBe('依据：附件二');
  });
});
