import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { fixedClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import type { Db, DialectName } from '../db/connect.js';
import { openTestDb } from '../db/testing.js';
import { buildApp, type App } from '../http/app.js';
import { hashPassword } from '../identity/passwords.js';
import { newUserRow } from '../identity/user-row.js';
import { insertUser } from '../identity/users.repository.js';

/**
 * A real app on a real, fresh database for route tests: no mocks. Users are inserted directly
 * (the password hash is computed once per harness, since scrypt is deliberately slow).
 */
export interface Harness {
  app: App;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  password: string;
  addUser(u: { username: string; role: string; policeUnitId?: string; companyId?: string; unitId?: string; institutionId?: string }): Promise<string>;
  /** The demo's officers (province, Guangzhou, Tianhe, Shenzhen) plus any extra ones. */
  addOfficers(extra?: readonly (readonly [string, string, string])[]): Promise<void>;
  addCompany(c: { name?: string; uscc: string; divisionCode: string; origin?: 'guangdong' | 'out_of_province' }): Promise<string>;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

const STANDARD_OFFICERS = [
  ['gd.officer', 'province_officer', 'PSB-440000'],
  ['gz.officer', 'city_officer', 'PSB-440100'],
  ['gz.tianhe.officer', 'county_officer', 'PSB-440106'],
  ['sz.officer', 'city_officer', 'PSB-440300'],
] as const;

export const TEST_PASSWORD = 'Test-Passw0rd!';

export async function openHarness(dialect: DialectName, today = '2026-03-02', env: Record<string, string> = {}): Promise<Harness> {
  const db = await openTestDb(dialect);
  const clock = fixedClock(today);
  const config = loadConfig(env);
  const app = await buildApp({ db, config, clock });
  const hash = await hashPassword(TEST_PASSWORD);
  const now = () => clock.now().toISOString();

  const harness: Harness = {
    app,
    db,
    clock,
    config,
    password: TEST_PASSWORD,
    async addUser(u) {
      const id = randomUUID();
      await insertUser(
        db.db,
        newUserRow({ id, displayName: u.username, passwordHash: hash, ...u, now: now() }),
      );
      return id;
    },
    async addOfficers(extra = []) {
      for (const [username, role, policeUnitId] of [...STANDARD_OFFICERS, ...extra]) await harness.addUser({ username, role, policeUnitId });
    },
    async addCompany(c) {
      const id = randomUUID();
      await db.db
        .insertInto('companies')
        .values({ id, name: c.name ?? `公司${c.uscc.slice(-4)}`, uscc: c.uscc, division_code: c.divisionCode, origin: c.origin ?? 'guangdong', created_at: now() })
        .execute();
      return id;
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'jf_session')!;
      const csrf = res.json().csrfToken as string;
      const headers = { cookie: `jf_session=${cookie.value}`, 'x-csrf-token': csrf };
      return {
        cookie: cookie.value,
        csrf,
        get: (url) => app.inject({ method: 'GET', url, headers }),
        post: (url, body) => app.inject({ method: 'POST', url, headers, payload: (body ?? {}) as object }),
        put: (url, body) => app.inject({ method: 'PUT', url, headers, payload: (body ?? {}) as object }),
      };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
  return harness;
}
