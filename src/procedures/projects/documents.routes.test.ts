import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashHex } from '../../platform/crypto/hash.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness } from '../../platform/testing/harness.js';
import { buildWorld, expectProblem, filesDir, insertProject, ledgerOf, TODAY, upload, type World } from './projects.testing.js';
import { storedPath } from '../../platform/files/storage.js';
import { DOCX_BYTES, DWG_BYTES, EXE_BYTES, JPEG_BYTES, OFD_BYTES, PDF_BYTES, PNG_BYTES, XLSX_BYTES } from '../../platform/files/testing.js';

const MAX = 64 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const out: string[] = [];
    for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
    return out;
  } catch {
    return [];
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`project documents on ${dialect}`, () => {
    let h: Harness;
    let w: World;
    let dir: string;

    beforeAll(async () => {
      dir = await filesDir();
      h = await openHarness(dialect, TODAY, { JIFANG_FILES_DIR: dir, JIFANG_DOCUMENT_MAX_BYTES: String(MAX) });
      w = await buildWorld(h);
    });
    afterAll(async () => {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('the applicant uploads each allowed type in draft → 201, SM3 digest in the row and the ledger, generated name on disk', async () => {
      const p = await insertProject(h, w, 'draft');
      const cases = [
        ['design_scheme', '设计方案.pdf', PDF_BYTES, 'application/pdf'],
        ['construction_drawings', '施工图.dwg', DWG_BYTES, 'image/vnd.dwg'],
        ['contracts', '合同.docx', DOCX_BYTES, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['bidding_documents', '招标文件.ofd', OFD_BYTES, 'application/ofd'],
        ['quality_certificates', '设备清单.xlsx', XLSX_BYTES, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['quality_certificates', '证书.png', PNG_BYTES, 'image/png'],
        ['supplement', '照片.jpeg', JPEG_BYTES, 'image/jpeg'],
      ] as const;
      for (const [docClass, fileName, bytes, mediaType] of cases) {
        const res = await upload(h, w.s['unit.a'], p.id, docClass, fileName, bytes, mediaType);
        expect(res.statusCode, res.body).toBe(201);
        const doc = res.json();
        expect(doc).toMatchObject({ projectId: p.id, docClass, fileName, mediaType, sizeBytes: bytes.length, alg: 'sm3', digest: hashHex('sm3', bytes), round: 0 });
        expect(doc.downloadUrl).toBe(`/api/projects/${p.id}/documents/${doc.id}`);
        const row = await h.db.db.selectFrom('project_documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
        expect(row.stored_name).toMatch(/^[0-9a-f]{32}$/);
        expect(await readFile(storedPath(h.config, row.stored_name))).toEqual(bytes);
      }
      const entries = (await ledgerOf(h, p.id)).filter((e) => e.action === 'project.document_uploaded');
      expect(entries).toHaveLength(cases.length);
      expect(JSON.parse(entries[0]!.detail!)).toMatchObject({ docClass: 'design_scheme', digest: hashHex('sm3', PDF_BYTES), alg: 'sm3' });
      expect(entries[0]!.article).toBe('17');
      // The client's names never name a file on disk.
      const names = (await filesUnder(dir)).map((f) => f.split(/[\\/]/).pop()!);
      expect(names.every((n) => /^[0-9a-f]{32}$/.test(n))).toBe(true);
    });

    it('refuses a renamed file (415 DOCUMENT_CONTENT_MISMATCH), an unknown type (415 DOCUMENT_TYPE_NOT_ALLOWED), and stores nothing', async () => {
      const p = await insertProject(h, w, 'draft');
      const before = (await filesUnder(dir)).length;
      expectProblem(await upload(h, w.s['unit.a'], p.id, 'contracts', '合同.pdf', EXE_BYTES), 415, 'DOCUMENT_CONTENT_MISMATCH', '17');
      expectProblem(await upload(h, w.s['unit.a'], p.id, 'contracts', '合同.pdf', PNG_BYTES, 'application/pdf'), 415, 'DOCUMENT_CONTENT_MISMATCH');
      expectProblem(await upload(h, w.s['unit.a'], p.id, 'contracts', 'setup.exe', EXE_BYTES), 415, 'DOCUMENT_TYPE_NOT_ALLOWED');
      expectProblem(await upload(h, w.s['unit.a'], p.id, 'contracts', '合同', PDF_BYTES), 415, 'DOCUMENT_TYPE_NOT_ALLOWED');
      expectProblem(await upload(h, w.s['unit.a'], p.id, 'contracts', 'empty.pdf', Buffer.alloc(0)), 415, 'DOCUMENT_CONTENT_MISMATCH');
      // A JSON body is not a file.
      const json = await h.app.inject({
        method: 'PUT',
        url: `/api/projects/${p.id}/documents?docClass=contracts&fileName=a.pdf`,
        headers: { cookie: `jf_session=${w.s['unit.a'].cookie}`, 'x-csrf-token': w.s['unit.a'].csrf, 'content-type': 'application/json' },
        payload: '{"a":1}',
      });
      expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect((await filesUnder(dir)).length).toBe(before);
      expect(await h.db.db.selectFrom('project_documents').select('id').where('project_id', '=', p.id).execute()).toEqual([]);
    });

    it('refuses a file over JIFANG_DOCUMENT_MAX_BYTES with 413 DOCUMENT_TOO_LARGE (declared or streamed), and stores nothing', async () => {
      const p = await insertProject(h, w, 'draft');
      const before = (await filesUnder(dir)).length;
      const big = Buffer.concat([PDF_BYTES, Buffer.alloc(MAX)]);
      expectProblem(await upload(h, w.s['unit.a'], p.id, 'design_scheme', 'big.pdf', big), 413, 'DOCUMENT_TOO_LARGE');
      // Without a Content-Length (chunked), the parser's limit answers the same.
      const { Readable } = await import('node:stream');
      const chunked = await h.app.inject({
        method: 'PUT',
        url: `/api/projects/${p.id}/documents?docClass=design_scheme&fileName=big.pdf`,
        headers: { cookie: `jf_session=${w.s['unit.a'].cookie}`, 'x-csrf-token': w.s['unit.a'].csrf, 'content-type': 'application/pdf' },
        payload: Readable.from([big.subarray(0, MAX / 2), big.subarray(MAX / 2)]),
      });
      expectProblem(chunked, 413, 'DOCUMENT_TOO_LARGE');
      const exact = Buffer.concat([PDF_BYTES, Buffer.alloc(MAX - PDF_BYTES.length)]);
      expect((await upload(h, w.s['unit.a'], p.id, 'design_scheme', 'exact.pdf', exact)).statusCode).toBe(201);
      expect((await filesUnder(dir)).length).toBe(before + 1);
    });

    it('who may upload what, when: 404 outside scope, 403 wrong role or class, 409 wrong status', async () => {
      const draft = await insertProject(h, w, 'draft');
      const submitted = await insertProject(h, w, 'submitted');
      const building = await insertProject(h, w, 'under_construction', { constructionStartedOn: '2026-02-01', testingInstitutionId: w.labId });
      // Not visible: another unit, an officer of another city, an undesignated lab, anonymous.
      expectProblem(await upload(h, w.s['unit.b'], draft.id, 'design_scheme', 'a.pdf', PDF_BYTES), 404, 'NOT_FOUND');
      expectProblem(await upload(h, w.s['sz.officer'], draft.id, 'design_scheme', 'a.pdf', PDF_BYTES), 404, 'NOT_FOUND');
      expectProblem(await upload(h, w.s['lab2'], building.id, 'test_report', 'r.pdf', PDF_BYTES), 404, 'NOT_FOUND');
      expectProblem(await upload(h, null, draft.id, 'design_scheme', 'a.pdf', PDF_BYTES), 401, 'UNAUTHENTICATED');
      expectProblem(await upload(h, w.s['unit.a'], 'no-such-project', 'design_scheme', 'a.pdf', PDF_BYTES), 404, 'NOT_FOUND');
      // Visible, not theirs: the competent officer, the designer, the lab for scheme classes.
      expectProblem(await upload(h, w.s['gz.tianhe.officer'], draft.id, 'design_scheme', 'a.pdf', PDF_BYTES), 403, 'FORBIDDEN');
      expectProblem(await upload(h, w.s['designer'], draft.id, 'design_scheme', 'a.pdf', PDF_BYTES), 403, 'FORBIDDEN');
      expectProblem(await upload(h, w.s['lab'], building.id, 'design_scheme', 'a.pdf', PDF_BYTES), 403, 'FORBIDDEN');
      expectProblem(await upload(h, w.s['unit.a'], building.id, 'test_report', 'r.pdf', PDF_BYTES), 403, 'FORBIDDEN');
      expectProblem(await upload(h, w.s['unit.a'], draft.id, 'decision', 'a.pdf', PDF_BYTES), 403, 'FORBIDDEN');
      // Theirs, wrong moment: the submission is frozen while the bureau examines it; acceptance papers come after approval.
      expectProblem(await upload(h, w.s['unit.a'], submitted.id, 'design_scheme', 'a.pdf', PDF_BYTES), 409, 'TRANSITION_NOT_ALLOWED', '17');
      expectProblem(await upload(h, w.s['unit.a'], draft.id, 'acceptance', 'a.pdf', PDF_BYTES), 409, 'TRANSITION_NOT_ALLOWED');
      expectProblem(await upload(h, w.s['unit.a'], building.id, 'design_scheme', 'a.pdf', PDF_BYTES), 409, 'TRANSITION_NOT_ALLOWED');
      // Allowed: supplement after the notice, acceptance papers and the designated lab's report once built.
      const supplement = await insertProject(h, w, 'supplement_required');
      expect((await upload(h, w.s['unit.a'], supplement.id, 'supplement', '补正.pdf', PDF_BYTES)).statusCode).toBe(201);
      expect((await upload(h, w.s['unit.a'], building.id, 'acceptance', '竣工资料.pdf', PDF_BYTES)).statusCode).toBe(201);
      const report = await upload(h, w.s['lab'], building.id, 'test_report', '检测报告.pdf', PDF_BYTES);
      expect(report.statusCode).toBe(201);
      expect((await ledgerOf(h, building.id)).at(-1)!.article).toBe('18');
    });

    it('a failed transaction leaves no file behind (the database refuses the row)', async () => {
      const p = await insertProject(h, w, 'draft');
      const before = await filesUnder(dir);
      // A real database failure, not a mock: a trigger that refuses every document row.
      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER fail_docs BEFORE INSERT ON project_documents BEGIN SELECT RAISE(ABORT, 'induced failure'); END`.execute(h.db.db);
      } else {
        await sql`CREATE FUNCTION fail_docs() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'induced failure'; END $$`.execute(h.db.db);
        await sql`CREATE TRIGGER fail_docs BEFORE INSERT ON project_documents FOR EACH ROW EXECUTE FUNCTION fail_docs()`.execute(h.db.db);
      }
      try {
        const res = await upload(h, w.s['unit.a'], p.id, 'design_scheme', 'a.pdf', PDF_BYTES);
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain('induced');
      } finally {
        await sql`DROP TRIGGER fail_docs${dialect === 'sqlite' ? sql`` : sql` ON project_documents`}`.execute(h.db.db);
        if (dialect !== 'sqlite') await sql`DROP FUNCTION fail_docs()`.execute(h.db.db);
      }
      expect(await filesUnder(dir)).toEqual(before);
      expect((await ledgerOf(h, p.id)).filter((e) => e.action === 'project.document_uploaded')).toEqual([]);
    });

    it('download: whoever sees the project, with safe headers, recorded in the ledger; 404 otherwise', async () => {
      const p = await insertProject(h, w, 'draft');
      const up = await upload(h, w.s['unit.a'], p.id, 'design_scheme', '设计 方案"v2".pdf', PDF_BYTES);
      const doc = up.json();
      for (const who of ['unit.a', 'gz.tianhe.officer', 'gz.officer', 'gd.officer', 'designer']) {
        const res = await w.s[who]!.get(doc.downloadUrl);
        expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
        expect(res.rawPayload).toEqual(PDF_BYTES);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('no-store');
        // RFC 5987: an ASCII fallback without quotes, and the exact UTF-8 name.
        expect(res.headers['content-disposition']).toBe(`attachment; filename="__ ___v2_.pdf"; filename*=UTF-8''${encodeURIComponent('设计 方案"v2".pdf')}`);
      }
      const reads = (await ledgerOf(h, p.id)).filter((e) => e.action === 'project.document_read');
      expect(reads).toHaveLength(5);
      expect(JSON.parse(reads[0]!.detail!)).toMatchObject({ documentId: doc.id, digest: hashHex('sm3', PDF_BYTES) });
      for (const who of ['unit.b', 'sz.officer', 'lab']) expectProblem(await w.s[who]!.get(doc.downloadUrl), 404, 'NOT_FOUND');
      expectProblem(await w.s['unit.a'].get(`/api/projects/${p.id}/documents/nope`), 404, 'NOT_FOUND');
      // A document id under another project's path is not found.
      const other = await insertProject(h, w, 'draft');
      expectProblem(await w.s['unit.a'].get(`/api/projects/${other.id}/documents/${doc.id}`), 404, 'NOT_FOUND');
      expect((await ledgerOf(h, p.id)).filter((e) => e.action === 'project.document_read')).toHaveLength(5);
    });
  });
}
