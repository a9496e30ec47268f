import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../db/testing.js';
import { openHarness, type Harness } from '../testing/harness.js';
import { makeUscc } from '../identifiers/uscc.js';

const count = async (h: Harness, table: 'users' | 'companies' | 'ledger_entries' | 'sessions') =>
  Number((await h.db.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of TEST_DIALECTS) {
  describe(`identity routes on ${dialect}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await openHarness(dialect);
      await h.addUser({ username: 'gz.officer', role: 'city_officer', policeUnitId: 'PSB-440100' });
      await h.addUser({ username: 'victim', role: 'city_officer', policeUnitId: 'PSB-440300' });
    });
    afterAll(() => h.close());

    it('health names the database', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: dialect });
    });

    it('signs in, sets an HttpOnly SameSite cookie, and /me answers with the jurisdiction', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gz.officer', password: h.password } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'jf_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Strict');
      const s = await h.login('gz.officer');
      const me = await s.get('/api/auth/me');
      expect(me.json().user).toMatchObject({ username: 'gz.officer', role: 'city_officer', jurisdictionCode: '440100' });
      expect(s.cookie).not.toBe(cookie?.value); // a new session id at every login
    });

    it('refuses a wrong password with a problem JSON and records it', async () => {
      const before = await count(h, 'ledger_entries');
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gz.officer', password: 'nope' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
      expect(await count(h, 'ledger_entries')).toBe(before + 1);
      await h.login('gz.officer'); // a success resets the counter
    });

    it('locks the account after 5 failures, even against the right password', async () => {
      for (let i = 1; i <= 4; i++) {
        const r = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'x' } });
        expect(r.json().code).toBe('INVALID_CREDENTIALS');
      }
      const fifth = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'x' } });
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
      const right = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: h.password } });
      expect(right.statusCode).toBe(423);
      h.clock.set(new Date(h.clock.now().getTime() + 31 * 60_000).toISOString());
      await h.login('victim');
    });

    it('an unknown user gets the same answer as a wrong password', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'x' } });
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
    });

    it('requires the CSRF token on cookie-authenticated writes', async () => {
      const s = await h.login('gz.officer');
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { cookie: `jf_session=${s.cookie}` },
        payload: { name: 'x' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    });

    it('ends the session after 30 idle minutes, and at logout', async () => {
      const s = await h.login('gz.officer');
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
      h.clock.set(new Date(h.clock.now().getTime() + 31 * 60_000).toISOString());
      expect((await s.get('/api/auth/me')).statusCode).toBe(401);
      const t = await h.login('gz.officer');
      expect((await t.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await t.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('issues API tokens for machine clients, usable as Bearer until revoked', async () => {
      const s = await h.login('gz.officer');
      const created = await s.post('/api/auth/tokens', { name: 'exchange' });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json();
      const bearer = { authorization: `Bearer ${token}` };
      const me = await h.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer });
      expect(me.statusCode).toBe(200);
      expect(me.json().map((t: { id: string }) => t.id)).toContain(id);
      expect((await h.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: bearer })).statusCode).toBe(204);
      expect((await h.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer })).statusCode).toBe(401);
    });

    it('denies anonymous callers by default', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/auth/tokens' });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    });

    describe('company self-registration (art. 14)', () => {
      const body = (over: Record<string, unknown> = {}, user: Record<string, unknown> = {}) => ({
        company: { name: '广州测试安防有限公司', uscc: makeUscc('91440106MA59TEXT1'), divisionCode: '440106', origin: 'guangdong', ...over },
        user: { username: 'new.co', password: 'Str0ng-pass', displayName: '经办人', ...user },
      });

      it('opens a company with its first user, who can sign in', async () => {
        const res = await h.app.inject({ method: 'POST', url: '/api/auth/register-company', payload: body() });
        expect(res.statusCode).toBe(201);
        const s = await h.login('new.co', 'Str0ng-pass');
        const me = (await s.get('/api/auth/me')).json().user;
        expect(me.companyId).toBe(res.json().companyId);
        const company = await s.get(`/api/companies/${me.companyId}`);
        expect(company.json()).toMatchObject({ divisionName: '天河区', origin: 'guangdong' });
      });

      it.each([
        ['bad check digit', body({ uscc: makeUscc('91440106MA59TEXT1').slice(0, 17) + (makeUscc('91440106MA59TEXT1').endsWith('0') ? '1' : '0') }), 422, 'USCC_INVALID'],
        ['duplicate credit code', body({}, { username: 'other.co' }), 409, 'COMPANY_EXISTS'],
        ['unknown division', body({ uscc: makeUscc('91440106MA59TEXT2'), divisionCode: '449999' }, { username: 'x.co' }), 422, 'DIVISION_UNKNOWN'],
        ['weak password', body({ uscc: makeUscc('91440106MA59TEXT3') }, { username: 'y.co', password: 'password1' }), 422, 'WEAK_PASSWORD'],
        ['taken username', body({ uscc: makeUscc('91440106MA59TEXT4') }, { username: 'gz.officer' }), 409, 'USERNAME_TAKEN'],
        ['wrong type', body({ name: 42 }), 400, 'VALIDATION_FAILED'],
        ['over-long name', body({ name: '长'.repeat(101) }), 400, 'VALIDATION_FAILED'],
        ['unknown field', { ...body(), admin: true }, 400, 'VALIDATION_FAILED'],
      ])('refuses %s and writes nothing', async (_name, payload, status, code) => {
        const before = [await count(h, 'companies'), await count(h, 'users'), await count(h, 'ledger_entries')];
        const res = await h.app.inject({ method: 'POST', url: '/api/auth/register-company', payload: payload as object });
        expect(res.statusCode).toBe(status);
        expect(res.json().code).toBe(code);
        expect([await count(h, 'companies'), await count(h, 'users'), await count(h, 'ledger_entries')]).toEqual(before);
      });
    });

    it('answers malformed JSON, wrong media types and unknown paths with problem JSON', async () => {
      const bad = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": ',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('MALFORMED_JSON');
      const media = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
      expect(media.statusCode).toBe(415);
      const missing = await h.app.inject({ method: 'GET', url: '/api/nothing-here' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('NOT_FOUND');
      const en = await h.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en-US' } });
      expect(en.json().detail).toBe('Not found');
    });
  });
}
