import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { addDays, addYears } from '../src/platform/calendar/dates.js';
import { makeUscc } from '../src/platform/identifiers/uscc.js';
import { listCities, listCounties, type Division } from '../src/platform/jurisdictions/divisions.js';

/** Deterministic PRNG (mulberry32): every run seeds the same data set. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = ['安盾', '粤防', '华安', '卫士', '天网', '金盾', '明鉴', '恒安', '广信', '南粤', '远望', '中保'];
const SCOPES: Record<string, string> = {
  I: '安全技术防范系统设计、施工、维修（一级，可承接一、二、三类工程）',
  II: '安全技术防范系统设计、施工、维修（二级，可承接二、三类工程）',
  III: '安全技术防范系统设计、施工、维修（三级，可承接三类工程）',
  IV: '安全技术防范系统施工、维修（四级，可承接三类工程的施工、维修）',
  record: '省外企业在粤从事安全技术防范系统设计、施工、维修备案',
};
const LEVELS = ['I', 'II', 'III', 'III', 'IV', 'IV'];

export interface SeedResult {
  numbers: string[];
  companies: number;
}

/**
 * Fills `companies` and `certificates` of an already migrated SQLite file with a raw prepared
 * statement in one transaction (seconds for 100k rows, where row-by-row Kysely would take
 * minutes). Roughly a tenth of the companies are out-of-province (record certificates); a few
 * per cent of certificates are revoked or superseded, some expired, so the status logic varies.
 */
export function seedCertificates(file: string, count: number): SeedResult {
  const rand = prng(238);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const counties: Array<{ city: Division; county: Division }> = listCities().flatMap((city) => {
    const cs = listCounties(city.code);
    return (cs.length ? cs : [city]).map((county) => ({ city, county }));
  });
  const companyCount = Math.max(50, Math.round(count / 40));
  const now = '2026-01-15T02:00:00.000Z';

  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // seeding only: the benchmark reopens the file with the app's own settings
  const insCompany = db.prepare(
    'INSERT INTO companies (id, name, uscc, division_code, origin, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insCert = db.prepare(
    `INSERT INTO certificates (id, number, company_id, kind, level, business_scope, valid_from, valid_to,
       issued_by_unit_id, application_id, issued_at, revoked_at, revoked_reason, superseded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const companies: Array<{ id: string; city: Division; outOfProvince: boolean }> = [];
  const numbers: string[] = [];
  db.transaction(() => {
    for (let i = 1; i <= companyCount; i++) {
      const { city, county } = pick(counties);
      const outOfProvince = i % 10 === 0;
      const id = randomUUID();
      const name = `${outOfProvince ? '湖南' : city.name}${pick(BRANDS)}${i}安防科技有限公司`;
      insCompany.run(id, name, makeUscc(`91${county.code}${String(i).padStart(9, '0')}`), county.code, outOfProvince ? 'out_of_province' : 'guangdong', now);
      companies.push({ id, city, outOfProvince });
    }
    for (let i = 1; i <= count; i++) {
      const company = pick(companies);
      const kind = company.outOfProvince ? 'record' : 'qualification';
      const level = kind === 'record' ? null : pick(LEVELS);
      // Issued between mid-2023 and early 2026: some have expired, some are in the renewal window.
      const validFrom = addDays('2023-06-01', Math.floor(rand() * 960));
      const validTo = addDays(addYears(validFrom, kind === 'record' ? 1 : 2), -1);
      const provincial = kind === 'record' || level === 'I' || level === 'II';
      const number = `GD-JF-${company.city.code.slice(0, 4)}-${validFrom.slice(0, 4)}-${String(i).padStart(6, '0')}`;
      const r = rand();
      insCert.run(
        randomUUID(),
        number,
        company.id,
        kind,
        level,
        SCOPES[level ?? 'record'],
        validFrom,
        validTo,
        provincial ? 'PSB-440000' : `PSB-${company.city.code}`,
        randomUUID(),
        `${validFrom}T01:30:00.000Z`,
        r < 0.02 ? `${addDays(validFrom, 200)}T03:00:00.000Z` : null,
        r < 0.02 ? '以欺骗手段取得资质证书（第二十三条）' : null,
        r >= 0.02 && r < 0.05 ? randomUUID() : null,
      );
      numbers.push(number);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { numbers, companies: companyCount };
}
