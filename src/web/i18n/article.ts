// "依据《办法》第N条" / "Article N of the Measures" from the `article` a refusal or a history entry carries.
// The server writes articles of the Measures as "15", "15(2)" or "15(2)(3)", and other laws with their
// short Chinese name in front, e.g. "行政许可法32".
import type { Lang } from './translate';

const CN_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 32 → 三十二: the numbering of 款 and 项 in Chinese legal citations. */
function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUMERALS[n];
  if (n < 20) return '十' + CN_NUMERALS[n % 10];
  if (n < 100) return CN_NUMERALS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_NUMERALS[n % 10] : '');
  return String(n);
}

const LAWS_EN: Record<string, string> = {
  行政许可法: 'Administrative Licensing Law',
  行政处罚法: 'Administrative Penalty Law',
  网络安全法: 'Cybersecurity Law',
  个人信息保护法: 'Personal Information Protection Law',
};

const MEASURES = /^(\d+)(?:\((\d+)\))?(?:\((\d+)\))?$/;
const OTHER_LAW = /^([^\d(]+?)\s*(\d+)(?:\((\d+)\))?(?:\((\d+)\))?$/;

function zhParts(article: string, para?: string, item?: string): string {
  return `第${article}条` + (para ? `第${chineseNumber(Number(para))}款` : '') + (item ? `第（${chineseNumber(Number(item))}）项` : '');
}

function enParts(article: string, para?: string, item?: string): string {
  return `Article ${article}` + (para ? `(${para})` : '') + (item ? `(${item})` : '');
}

export function formatArticle(article: string | number, lang: Lang): string {
  const a = String(article).trim();
  const m = MEASURES.exec(a);
  if (m) {
    return lang === 'en' ? `${enParts(m[1], m[2], m[3])} of the Measures` : `依据《办法》${zhParts(m[1], m[2], m[3])}`;
  }
  const o = OTHER_LAW.exec(a);
  if (o) {
    const law = o[1].replace(/[《》]/g, '');
    return lang === 'en'
      ? `${enParts(o[2], o[3], o[4])} of the ${LAWS_EN[law] ?? law}`
      : `依据《${law}》${zhParts(o[2], o[3], o[4])}`;
  }
  return lang === 'en' ? `Basis: ${a}` : `依据：${a}`;
}
