import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { makeUscc } from '../../platform/identifiers/uscc.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { expectProblem, ledgerOf, TODAY } from './projects.testing.js';

const BASE = '/api/testing-institutions';
const valid = {
  name: '广东省安全技术防范产品质量监督检验站',
  uscc: makeUscc('12440000MB2C3D4E5'),
  accreditationNumber: 'CMA-2024190001',
  accreditationValidTo: '2028-06-30',
  scope: 'provincial',
  divisionCode: '440100',
};

for (const dialect of TEST_DIALECTS) {
  describe(`testing institutions on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY);
      await h.addOfficers();
      const companyId = await h.addCompany({ uscc: makeUscc('91440106MA59DEMXA'), divisionCode: '440106' });
      await h.db.db.insertInto('units').values({ id: 'unit-1', name: '某单位', division_code: '440106', category: '4', created_at: h.clock.now().toISOString() }).execute();
      await h.addUser({ username: 'company', role: 'company_user', companyId });
      await h.addUser({ username: 'unit', role: 'unit_user', unitId: 'unit-1' });
      for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'company', 'unit']) s[u] = await h.login(u);
    });
    afterAll(() => h.close());

    it('the province registers an institution (201, ledger testing_institution.registered, art. 18); others read it', async () => {
      const res = await s['gd.officer']!.post(BASE, { ...valid, uscc: ` ${valid.uscc.toLowerCase()} ` });
      expect(res.statusCode, res.body).toBe(201);
      const inst = res.json();
      expect(inst).toMatchObject({ name: valid.name, uscc: valid.uscc, scope: 'provincial', accreditationValidTo: '2028-06-30', divisionCode: '440100', divisionName: '广州市', accredited: true });
      expect(await ledgerOf(h, inst.id)).toEqual([expect.objectContaining({ action: 'testing_institution.registered', article: '18', actor_role: 'province_officer' })]);
      for (const who of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'unit']) {
        const list = await s[who]!.get(BASE);
        expect(list.statusCode, who).toBe(200);
        expect(list.json().map((i: { id: string }) => i.id)).toContain(inst.id);
      }
      expect((await s['unit']!.get(`${BASE}/${inst.id}`)).json()).toMatchObject({ id: inst.id });
      expectProblem(await s['unit']!.get(`${BASE}/nope`), 404, 'NOT_FOUND');
    });

    it('a national institution may sit outside Guangdong; lapsed ones are listed as not accredited', async () => {
      const national = await s['gd.officer']!.post(BASE, { ...valid, name: '公安部安全与警用电子产品质量检测中心', uscc: makeUscc('12100000MB0A1B2C3'), scope: 'national', divisionCode: '110108', accreditationValidTo: TODAY });
      expect(national.statusCode, national.body).toBe(201);
      expect(national.json()).toMatchObject({ accredited: true, divisionName: null });
      // Later its accreditation lapses (art. 18): still listed, flagged, filterable. (The row is aged
      // directly: moving the clock a day would end the test sessions.)
      await h.db.db.updateTable('testing_institutions').set({ accreditation_valid_to: '2026-03-01' }).where('id', '=', national.json().id).execute();
      const all = (await s['gz.officer']!.get(BASE)).json();
      expect(all.find((i: { id: string }) => i.id === national.json().id)).toMatchObject({ accredited: false });
      expect(all.at(-1).accredited).toBe(false);
      const accredited = (await s['gz.officer']!.get(`${BASE}?accredited=true`)).json();
      expect(accredited.length).toBeGreaterThan(0);
      expect(accredited.every((i: { accredited: boolean }) => i.accredited)).toBe(true);
      const lapsed = (await s['gz.officer']!.get(`${BASE}?accredited=false`)).json();
      expect(lapsed.map((i: { id: string }) => i.id)).toEqual([national.json().id]);
    });

    it('refusals: not the province 403, company 403, anonymous 401, bad USCC 422, duplicate 409, lapsed 422, bad division 422', async () => {
      const other = { ...valid, uscc: makeUscc('12440000MB2C3D4X9') };
      expectProblem(await s['gz.officer']!.post(BASE, other), 403, 'FORBIDDEN');
      expectProblem(await s['unit']!.post(BASE, other), 403, 'FORBIDDEN');
      expectProblem(await s['company']!.get(BASE), 403, 'FORBIDDEN');
      expectProblem(await h.app.inject({ method: 'GET', url: BASE }), 401, 'UNAUTHENTICATED');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, uscc: '12440000MB2C3D4X0' }), 422, 'USCC_INVALID');
      expectProblem(await s['gd.officer']!.post(BASE, valid), 409, 'TESTING_INSTITUTION_EXISTS');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, accreditationValidTo: '2026-03-01' }), 422, 'TESTING_INSTITUTION_NOT_ACCREDITED', '18');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, accreditationValidTo: '2026-02-30' }), 422, 'PROJECT_INPUT_INVALID');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, divisionCode: '110108' }), 422, 'DIVISION_UNKNOWN');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, scope: 'national', divisionCode: '449999' }), 422, 'DIVISION_UNKNOWN');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, scope: 'city' }), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gd.officer']!.post(BASE, { ...other, name: '   ' }), 422, 'PROJECT_INPUT_INVALID');
      const count = await h.db.db.selectFrom('testing_institutions').select('id').execute();
      expect(count).toHaveLength(2);
    });
  });
}
