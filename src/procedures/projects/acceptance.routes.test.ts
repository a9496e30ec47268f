import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness } from '../../platform/testing/harness.js';
import { buildWorld, expectProblem, filesDir, insertProject, ledgerOf, openFindings, TODAY, upload, type World } from './projects.testing.js';
import { PDF_BYTES } from '../../platform/files/testing.js';

const P = '/api/projects';
const PASS = [
  { item: '视频图像质量', result: 'pass' },
  { item: '录像存储时间', result: 'pass' },
] as const;
const FAIL = [
  { item: '视频图像质量', result: 'pass' },
  { item: '报警联网', result: 'fail', note: '未与报警中心联网' },
] as const;

/** Findings of the two rules this flow is about (others, e.g. art. 9 for the bank category, are beside the point). */
async function flowFindings(h: Harness, siteId: string) {
  return (await openFindings(h, siteId)).filter((f) => f.startsWith('construction_before_approval') || f.startsWith('in_use_without_acceptance'));
}

for (const dialect of TEST_DIALECTS) {
  describe(`construction, testing and acceptance on ${dialect}`, () => {
    let h: Harness;
    let w: World;
    let dir: string;

    beforeAll(async () => {
      dir = await filesDir();
      h = await openHarness(dialect, TODAY, { JIFANG_FILES_DIR: dir });
      w = await buildWorld(h);
    });
    afterAll(async () => {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    });

    const post = (who: string, url: string, body: unknown = {}) => w.s[who]!.post(url, body);

    describe('construction-started (art. 17 → 36)', () => {
      it('before approval: recorded, status stays, the registry finding opens; after approval it resolves', async () => {
        const p = await insertProject(h, w, 'submitted');
        const res = await post('unit.a', `${P}/${p.id}/construction-started`, { on: '2026-02-20', version: 1 });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ status: 'submitted', constructionStartedOn: '2026-02-20', version: 2 });
        expect(await flowFindings(h, p.siteId)).toEqual([`construction_before_approval:${p.number} 17→36`]);
        const entry = (await ledgerOf(h, p.id)).find((e) => e.action === 'project.construction_started')!;
        expect(entry.article).toBe('17');
        expect(JSON.parse(entry.detail!)).toMatchObject({ on: '2026-02-20', beforeApproval: true });
        const opened = await h.db.db.selectFrom('ledger_entries').select(['article', 'detail']).where('action', '=', 'finding.opened').execute();
        expect(opened.some((e) => e.article === '17' && JSON.parse(e.detail!).penaltyArticle === '36')).toBe(true);
        // Reported once before approval: a second report is not a step now.
        expectProblem(await post('unit.a', `${P}/${p.id}/construction-started`, { on: '2026-02-21' }), 409, 'TRANSITION_NOT_ALLOWED');

        // The bureau approves (B's step; here the row), then the unit reports again: under construction,
        // the first day is kept, and the finding resolves (kept as history).
        await h.db.db.updateTable('projects').set({ status: 'scheme_approved', decided_on: '2026-02-27', approval_number: p.number }).where('id', '=', p.id).execute();
        const after = await post('unit.a', `${P}/${p.id}/construction-started`, { on: '2026-03-01' });
        expect(after.statusCode, after.body).toBe(200);
        expect(after.json()).toMatchObject({ status: 'under_construction', constructionStartedOn: '2026-02-20' });
        expect(await flowFindings(h, p.siteId)).toEqual([]);
        const resolved = await h.db.db.selectFrom('findings').select('resolved_at').where('site_id', '=', p.siteId).where('rule', '=', `construction_before_approval:${p.number}`).execute();
        expect(resolved.map((r) => r.resolved_at !== null)).toEqual([true]);
      });

      it('the bureau approving the scheme resolves the finding in the same step', async () => {
        const p = await insertProject(h, w, 'scheme_accepted');
        await post('unit.a', `${P}/${p.id}/construction-started`, { on: '2026-02-20' });
        expect(await flowFindings(h, p.siteId)).toEqual([`construction_before_approval:${p.number} 17→36`]);
        const approved = await post('gz.tianhe.officer', `${P}/${p.id}/approve`, {});
        expect(approved.statusCode, approved.body).toBe(200);
        expect(approved.json()).toMatchObject({ status: 'scheme_approved' });
        expect(await flowFindings(h, p.siteId)).toEqual([]);
      });

      it('after approval: no finding, under construction', async () => {
        const p = await insertProject(h, w, 'scheme_approved');
        const res = await post('unit.a', `${P}/${p.id}/construction-started`, { on: TODAY });
        expect(res.json()).toMatchObject({ status: 'under_construction', constructionStartedOn: TODAY });
        expect(await flowFindings(h, p.siteId)).toEqual([]);
        expect(JSON.parse((await ledgerOf(h, p.id)).at(-1)!.detail!)).toMatchObject({ beforeApproval: false });
      });

      it('refusals: future or impossible date 422, draft 409, officer 403, other unit and other city 404, stale version 409', async () => {
        const p = await insertProject(h, w, 'scheme_accepted');
        expectProblem(await post('unit.a', `${P}/${p.id}/construction-started`, { on: '2026-03-03' }), 422, 'PROJECT_INPUT_INVALID', '17');
        expectProblem(await post('unit.a', `${P}/${p.id}/construction-started`, { on: '2026-02-30' }), 422, 'PROJECT_INPUT_INVALID');
        expectProblem(await post('unit.a', `${P}/${p.id}/construction-started`, { on: 'yesterday' }), 400, 'VALIDATION_FAILED');
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/construction-started`, { on: TODAY }), 403, 'FORBIDDEN');
        expectProblem(await post('unit.b', `${P}/${p.id}/construction-started`, { on: TODAY }), 404, 'NOT_FOUND');
        expectProblem(await post('sz.officer', `${P}/${p.id}/construction-started`, { on: TODAY }), 404, 'NOT_FOUND');
        expectProblem(await post('unit.a', `${P}/${p.id}/construction-started`, { on: TODAY, version: 7 }), 409, 'CONFLICT');
        const draft = await insertProject(h, w, 'draft');
        expectProblem(await post('unit.a', `${P}/${draft.id}/construction-started`, { on: TODAY }), 409, 'TRANSITION_NOT_ALLOWED');
        expect(await flowFindings(h, p.siteId)).toEqual([]);
        expect((await ledgerOf(h, p.id)).filter((e) => e.action === 'project.construction_started')).toEqual([]);
      });
    });

    describe('designate-testing (art. 18)', () => {
      it('the applicant designates an accredited institution, which then sees the project', async () => {
        const p = await insertProject(h, w, 'under_construction', { constructionStartedOn: '2026-02-01' });
        expectProblem(await w.s['lab']!.get(`${P}/${p.id}`), 404, 'NOT_FOUND');
        const res = await post('unit.a', `${P}/${p.id}/designate-testing`, { institutionId: w.labId });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().testingInstitution).toMatchObject({ id: w.labId });
        expect(res.json().status).toBe('under_construction');
        expect((await w.s['lab']!.get(`${P}/${p.id}`)).statusCode).toBe(200);
        const entry = (await ledgerOf(h, p.id)).at(-1)!;
        expect(entry).toMatchObject({ action: 'project.testing_designated', article: '18' });
        // Another institution may be designated instead; the first one no longer sees the project.
        expect((await post('unit.a', `${P}/${p.id}/designate-testing`, { institutionId: w.lab2Id })).statusCode).toBe(200);
        expectProblem(await w.s['lab']!.get(`${P}/${p.id}`), 404, 'NOT_FOUND');
      });

      it('refusals: lapsed accreditation 422 (art. 18), unknown institution 422, before approval 409, officer 403', async () => {
        const p = await insertProject(h, w, 'scheme_approved');
        expectProblem(await post('unit.a', `${P}/${p.id}/designate-testing`, { institutionId: w.expiredLabId }), 422, 'TESTING_INSTITUTION_NOT_ACCREDITED', '18');
        expectProblem(await post('unit.a', `${P}/${p.id}/designate-testing`, { institutionId: 'nope' }), 422, 'PROJECT_INPUT_INVALID', '18');
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/designate-testing`, { institutionId: w.labId }), 403, 'FORBIDDEN');
        const early = await insertProject(h, w, 'scheme_accepted');
        expectProblem(await post('unit.a', `${P}/${early.id}/designate-testing`, { institutionId: w.labId }), 409, 'TRANSITION_NOT_ALLOWED');
        expect((await h.db.db.selectFrom('projects').select('testing_institution_id').where('id', '=', p.id).executeTakeFirstOrThrow()).testing_institution_id).toBeNull();
      });
    });

    describe('test reports (art. 18)', () => {
      it('the designated institution reports; pass only if every item passes; its uploaded report may be attached', async () => {
        const p = await insertProject(h, w, 'under_construction', { constructionStartedOn: '2026-02-01', testingInstitutionId: w.labId });
        const doc = (await upload(h, w.s['lab']!, p.id, 'test_report', '检测报告.pdf', PDF_BYTES)).json();
        const res = await post('lab', `${P}/${p.id}/test-reports`, { reportNumber: 'JC-2026-001', testedOn: '2026-02-28', items: FAIL });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().testReports).toHaveLength(1);
        expect(res.json().testReports[0]).toMatchObject({ reportNumber: 'JC-2026-001', conclusion: 'fail', institutionId: w.labId, documentId: null });
        const again = await post('lab', `${P}/${p.id}/test-reports`, { reportNumber: 'JC-2026-002', testedOn: TODAY, items: PASS, documentId: doc.id });
        expect(again.statusCode, again.body).toBe(201);
        expect(again.json().testReports[1]).toMatchObject({ conclusion: 'pass', documentId: doc.id, items: PASS });
        const entry = (await ledgerOf(h, p.id)).at(-1)!;
        expect(entry).toMatchObject({ action: 'project.test_report_submitted', article: '18', actor_role: 'testing_institution' });
        expect(JSON.parse(entry.detail!)).toMatchObject({ conclusion: 'pass', reportNumber: 'JC-2026-002' });
      });

      it('refusals: not designated 404, applicant 403, lapsed accreditation 422, bad attachment or date 422, after applying 409', async () => {
        const p = await insertProject(h, w, 'under_construction', { testingInstitutionId: w.labId });
        const body = { reportNumber: 'JC-X', testedOn: TODAY, items: PASS };
        expectProblem(await post('lab2', `${P}/${p.id}/test-reports`, body), 404, 'NOT_FOUND');
        expectProblem(await post('unit.a', `${P}/${p.id}/test-reports`, body), 403, 'FORBIDDEN');
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/test-reports`, body), 403, 'FORBIDDEN');
        const scheme = (await upload(h, w.s['unit.a']!, p.id, 'acceptance', '竣工.pdf', PDF_BYTES)).json();
        expectProblem(await post('lab', `${P}/${p.id}/test-reports`, { ...body, documentId: scheme.id }), 422, 'PROJECT_INPUT_INVALID', '18');
        expectProblem(await post('lab', `${P}/${p.id}/test-reports`, { ...body, testedOn: '2026-03-09' }), 422, 'PROJECT_INPUT_INVALID');
        expectProblem(await post('lab', `${P}/${p.id}/test-reports`, { ...body, items: [] }), 400, 'VALIDATION_FAILED');
        expectProblem(await post('lab', `${P}/${p.id}/test-reports`, { ...body, items: [{ item: 'x', result: 'ok' }] }), 400, 'VALIDATION_FAILED');
        const lapsed = await insertProject(h, w, 'under_construction', { testingInstitutionId: w.expiredLabId });
        expectProblem(await post('lab.expired', `${P}/${lapsed.id}/test-reports`, body), 422, 'TESTING_INSTITUTION_NOT_ACCREDITED', '18');
        const applied = await insertProject(h, w, 'acceptance_applied', { testingInstitutionId: w.labId });
        expectProblem(await post('lab', `${P}/${applied.id}/test-reports`, body), 409, 'TRANSITION_NOT_ALLOWED');
        expect(await h.db.db.selectFrom('test_reports').select('id').where('project_id', 'in', [p.id, lapsed.id, applied.id]).execute()).toEqual([]);
      });
    });

    describe('acceptance (art. 19)', () => {
      async function reported(conclusion: 'pass' | 'fail', p: { id: string }) {
        const res = await post('lab', `${P}/${p.id}/test-reports`, { reportNumber: `JC-${conclusion}-${Math.random()}`.slice(0, 40), testedOn: TODAY, items: conclusion === 'pass' ? PASS : FAIL });
        return res.json().testReports.at(-1).id as string;
      }

      it('apply needs a passing report of this project (TEST_REPORT_REQUIRED, art. 19), then opens the 20-working-day clock', async () => {
        const p = await insertProject(h, w, 'under_construction', { constructionStartedOn: '2026-02-01', testingInstitutionId: w.labId });
        const other = await insertProject(h, w, 'under_construction', { testingInstitutionId: w.labId });
        const failing = await reported('fail', p);
        const othersPassing = await reported('pass', other);
        expectProblem(await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: failing }), 422, 'TEST_REPORT_REQUIRED', '19');
        expectProblem(await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: othersPassing }), 422, 'TEST_REPORT_REQUIRED', '19');
        expectProblem(await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: 'nope' }), 422, 'TEST_REPORT_REQUIRED');
        const passing = await reported('pass', p);
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/apply-acceptance`, { testReportId: passing }), 403, 'FORBIDDEN');
        expectProblem(await post('lab', `${P}/${p.id}/apply-acceptance`, { testReportId: passing }), 403, 'FORBIDDEN');
        const res = await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: passing });
        expect(res.statusCode, res.body).toBe(200);
        const detail = res.json();
        expect(detail).toMatchObject({ status: 'acceptance_applied', acceptanceAppliedOn: TODAY });
        const clock = detail.deadlines.find((d: { kind: string }) => d.kind === 'acceptance.decision');
        // 20 working days from Monday 2026-03-02 (counting from the next day; no holiday in March 2026).
        expect(clock).toMatchObject({ article: '19', dayKind: 'working', days: 20, startDate: TODAY, dueDate: '2026-03-30', status: 'open' });
        expect((await ledgerOf(h, p.id)).at(-1)).toMatchObject({ action: 'project.acceptance_applied', article: '19' });
        // Applied once: the step is not offered again.
        expectProblem(await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: passing }), 409, 'TRANSITION_NOT_ALLOWED');
      });

      it('refuse with reasons → acceptance_refused, clock closed; the unit applies again with a new report', async () => {
        const p = await insertProject(h, w, 'under_construction', { testingInstitutionId: w.labId });
        const first = await reported('pass', p);
        await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: first });
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/refuse-acceptance`, { reasons: '  ' }), 422, 'REASONS_REQUIRED');
        expectProblem(await post('unit.a', `${P}/${p.id}/refuse-acceptance`, { reasons: '自己拒绝' }), 403, 'FORBIDDEN');
        expectProblem(await post('gz.officer', `${P}/${p.id}/refuse-acceptance`, { reasons: '非主管机关' }), 403, 'FORBIDDEN');
        const res = await post('gz.tianhe.officer', `${P}/${p.id}/refuse-acceptance`, { reasons: '报警联网未完成' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ status: 'acceptance_refused', acceptanceReasons: '报警联网未完成', acceptanceDecidedOn: TODAY });
        expect(res.json().deadlines.find((d: { kind: string }) => d.kind === 'acceptance.decision')).toMatchObject({ status: 'closed', outcome: 'met' });
        expect((await ledgerOf(h, p.id)).at(-1)).toMatchObject({ action: 'project.acceptance_refused', article: '19' });
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/grant-acceptance`, {}), 409, 'TRANSITION_NOT_ALLOWED');
        const second = await reported('pass', p);
        const again = await post('unit.a', `${P}/${p.id}/apply-acceptance`, { testReportId: second });
        expect(again.json()).toMatchObject({ status: 'acceptance_applied', acceptanceReasons: null });
        expect(again.json().deadlines.filter((d: { kind: string; status: string }) => d.kind === 'acceptance.decision' && d.status === 'open')).toHaveLength(1);
      });

      it('grant: the competent bureau only; eligibility re-checked (art. 14(2)); systems become accepted through the registry', async () => {
        const p = await insertProject(h, w, 'acceptance_applied', { constructionStartedOn: '2026-02-01', testingInstitutionId: w.labId });
        expectProblem(await post('unit.a', `${P}/${p.id}/grant-acceptance`, {}), 403, 'FORBIDDEN');
        expectProblem(await post('gz.officer', `${P}/${p.id}/grant-acceptance`, {}), 403, 'FORBIDDEN');
        expectProblem(await post('sz.officer', `${P}/${p.id}/grant-acceptance`, {}), 404, 'NOT_FOUND');
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/grant-acceptance`, { version: 9 }), 409, 'CONFLICT');
        const res = await post('gz.tianhe.officer', `${P}/${p.id}/grant-acceptance`, { version: 1 });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ status: 'completed', acceptanceDecidedOn: TODAY, acceptanceNumber: `${p.number}-YS` });
        expect(res.json().systems).toEqual([expect.objectContaining({ id: p.systemIds[0], status: 'accepted', acceptedOn: TODAY, authorisationRef: p.number })]);
        const sysEntry = (await ledgerOf(h, p.systemIds[0]!)).at(-1)!;
        expect(sysEntry).toMatchObject({ action: 'system.updated', article: '19' });
        expect((await ledgerOf(h, p.id)).at(-1)).toMatchObject({ action: 'project.acceptance_granted', article: '19' });
        expectProblem(await post('gz.tianhe.officer', `${P}/${p.id}/grant-acceptance`, {}), 409, 'TRANSITION_NOT_ALLOWED');

        const lapsed = await insertProject(h, w, 'acceptance_applied', { builderId: w.expiredId });
        const refused = expectProblem(await post('gz.tianhe.officer', `${P}/${lapsed.id}/grant-acceptance`, {}), 422, 'PROJECT_COMPANY_NOT_ELIGIBLE');
        expect(refused.article).toMatch(/^14/);
        const sys = await h.db.db.selectFrom('systems').select(['status', 'accepted_on']).where('id', '=', lapsed.systemIds[0]!).executeTakeFirstOrThrow();
        expect(sys).toEqual({ status: 'planned', accepted_on: null });
      });

      it('the whole chain: in use before acceptance is a finding (art. 19 → 36); acceptance resolves it; use after acceptance raises none', async () => {
        // Early use: the unit records the system in use through the registry before acceptance.
        const early = await insertProject(h, w, 'under_construction', { constructionStartedOn: '2026-02-01', testingInstitutionId: w.labId });
        const system = (id: string) => h.db.db.selectFrom('systems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const putInUse = async (systemId: string, acceptedOn: string | null, authorisationRef: string | null) => {
          const s = await system(systemId);
          return w.s['unit.a']!.put(`/api/registry/systems/${systemId}`, {
            systemType: 'video_surveillance',
            name: s.name,
            status: 'in_use',
            alarmCentreInterface: true,
            authorisationRef,
            acceptedOn,
            version: Number(s.version),
          });
        };
        const used = await putInUse(early.systemIds[0]!, null, null);
        expect(used.statusCode, used.body).toBe(200);
        expect(await flowFindings(h, early.siteId)).toEqual(['in_use_without_acceptance 19→36']);
        const r1 = await reported('pass', early);
        expect((await post('unit.a', `${P}/${early.id}/apply-acceptance`, { testReportId: r1 })).statusCode).toBe(200);
        const granted = await post('gz.tianhe.officer', `${P}/${early.id}/grant-acceptance`, {});
        expect(granted.statusCode, granted.body).toBe(200);
        // Status never moves back: still in use, now with its acceptance date; the finding is resolved.
        expect(granted.json().systems[0]).toMatchObject({ status: 'in_use', acceptedOn: TODAY, authorisationRef: early.number });
        expect(await flowFindings(h, early.siteId)).toEqual([]);

        // The lawful order: accept, then put in use through the registry.
        const lawful = await insertProject(h, w, 'under_construction', { constructionStartedOn: '2026-02-01', testingInstitutionId: w.labId });
        const r2 = await reported('pass', lawful);
        await post('unit.a', `${P}/${lawful.id}/apply-acceptance`, { testReportId: r2 });
        expect((await post('gz.tianhe.officer', `${P}/${lawful.id}/grant-acceptance`, {})).statusCode).toBe(200);
        const accepted = await system(lawful.systemIds[0]!);
        expect(accepted).toMatchObject({ status: 'accepted', accepted_on: TODAY, authorisation_ref: lawful.number });
        const inUse = await putInUse(lawful.systemIds[0]!, accepted.accepted_on, accepted.authorisation_ref);
        expect(inUse.statusCode, inUse.body).toBe(200);
        expect((await system(lawful.systemIds[0]!)).status).toBe('in_use');
        expect(await flowFindings(h, lawful.siteId)).toEqual([]);
      });
    });
  });
}
