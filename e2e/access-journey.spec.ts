// The information-access journey (issue 5): a department user (dept.a, an administrative law-enforcement
// department, art. 26(3)) picks a camera of a public-area system from its own camera lookup and requests a copy
// with two officials → the request waits in the Tianhe sub-bureau's queue, whose person in charge
// (gz.tianhe.chief) approves → a signed grant is issued → the VMS (the sub-bureau uses the
// public-area system) reports the export with a token it creates through the API → the entry appears in the
// register → its proof, exported by `npx jifang ledger export-proof` from the server's own database, passes
// `npx jifang ledger check-proof` pinned to the published key; the same bundle downloaded from the register does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, runDir } from './playwright.config.js';
import { pickSelectOption, settleAnimations, signIn, signOutSettled, uniqueSuffix, waitForPageIdle } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Where the e2e server keeps its SQLite file and keys (playwright.config.ts, webServer.env).
const serverData = join(root, runDir, 'data');
const SITE = '天河路与体育西路交叉口（演示）';

/** A valid GB 11643 number: the check character computed here, independently of the app. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

async function apiSignIn(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), `sign in ${username}`).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

function jifang(args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync('npx', ['tsx', 'src/cli/jifang.ts', ...args], {
      cwd: root,
      env: { ...process.env, JIFANG_DATA_DIR: serverData, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

test('a department’s copy request, approved by the county bureau’s chief, used by the VMS, provable offline', async ({ page, request }) => {
  test.setTimeout(240_000);
  const suffix = uniqueSuffix();
  const purpose = `无照经营案件调查取证 ${suffix}（E2E）`;

  // 1. dept.a asks for a copy with two officials (art. 26(3), 27), choosing the camera from the sites of its
  // district (its camera lookup; a department has no registry).
  await signIn(page, 'dept.a', DEMO_PASSWORD, /\/$|\/access/);
  await page.goto('/access/requests/new');
  await expect(page.getByTestId('access-form')).toBeVisible();
  await waitForPageIdle(page);
  await pickSelectOption(page, 'access-site', SITE);
  const firstCamera = page.getByTestId('access-camera').first();
  await expect(firstCamera).toBeVisible();
  const camera = { id: (await firstCamera.getAttribute('data-camera-id'))!, deviceCode: (await firstCamera.getAttribute('data-device-code')) || null };
  expect(camera.id).toBeTruthy();
  await firstCamera.click();
  await page.getByTestId('access-official-name-0').fill('王执法（E2E）');
  await page.getByTestId('access-official-id-0').fill(residentId('44010619800101123'));
  await page.getByTestId('access-official-cert-0').fill('穗天市监执字101');
  // Art. 27(1): the form opens with two official rows for an administrative department.
  if ((await page.getByTestId('access-official-name-1').count()) === 0) await page.getByTestId('access-add-official').click();
  await page.getByTestId('access-official-name-1').fill('李执法（E2E）');
  await page.getByTestId('access-official-id-1').fill(residentId('44010619820202246'));
  await page.getByTestId('access-official-cert-1').fill('穗天市监执字102');
  // The footage window keeps the form's default (the last 24 hours up to this hour): recorded, within 31 days.
  await expect(page.getByTestId('access-window').first()).not.toHaveValue('');
  await page.getByTestId('access-action-copy').click();
  await page.getByTestId('access-legal-basis').fill(`穗天市监立〔2026〕${suffix}号`);
  await page.getByTestId('access-purpose').fill(purpose);
  await page.getByTestId('access-destination').fill('天河区市场监督管理局案卷');
  await page.getByTestId('access-undertaking').click();
  await page.getByTestId('access-submit').click();
  const requestPage = page.getByTestId('access-request-page');
  await expect(requestPage).toBeVisible();
  await expect(requestPage).toHaveAttribute('data-status', 'pending');
  const requestId = (await requestPage.getAttribute('data-request-id'))!;
  // The matrix says what is missing and why: the county bureau's approval and its document (26(3), 27(3)).
  await expect(page.getByTestId('access-matrix')).toContainText('第26条第三款');
  await expect(page.getByTestId('access-matrix')).toContainText('第27条第三款');

  // The request names its requester; the department may only withdraw it now (the server's `actions`).
  await expect(page.getByTestId('access-requester-organisation')).toContainText('天河区市场监督管理局');
  await expect(page.getByTestId('access-approve')).toHaveCount(0);
  await expect(page.getByTestId('access-withdraw')).toBeVisible();
  await signOutSettled(page);

  // 2. The request waits in the sub-bureau's queue; its person in charge approves with a document number.
  await signIn(page, 'gz.tianhe.chief', DEMO_PASSWORD, /\/officer\/queue$|\/access/);
  await page.goto('/access/queue');
  const queued = page.locator(`[data-testid="access-queue-open"][data-request-id="${requestId}"]`);
  await expect(queued).toBeVisible();
  await queued.click();
  await expect(requestPage).toHaveAttribute('data-status', 'pending');
  await page.getByTestId('access-approve').click();
  await page.getByTestId('access-approval-document').fill(`天公信批〔2026〕${suffix}号`);
  await page.getByTestId('access-approval-submit').click();
  // 3. The grant is issued at once.
  await expect(requestPage).toHaveAttribute('data-status', 'granted');
  await expect(page.getByTestId('access-grant-banner')).toBeVisible();
  const grantId = (await page.getByTestId('access-open-grant').getAttribute('data-grant-id'))!;

  // 4. The sub-bureau's VMS gets a token through the API and reports the export with the file's digest.
  const csrf = await apiSignIn(request, 'gz.tianhe.officer');
  const tok = await request.post('/api/auth/tokens', { headers: { 'x-csrf-token': csrf }, data: { name: `VMS ${suffix}` } });
  expect(tok.status(), await tok.text()).toBe(201);
  const token = ((await tok.json()) as { token: string }).token;
  const grantFile = (await (await request.get(`/api/access/grants/${grantId}`)).json()) as { grant: { officials: { id: string }[]; window: { from: string; to: string } } };
  expect(grantFile.grant.officials).toHaveLength(2);
  await request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf }, data: {} });
  const reported = await request.post(`/api/access/grants/${grantId}/use`, {
    headers: { authorization: `Bearer ${token}` },
    data: {
      event: 'exported',
      at: new Date().toISOString(),
      cameras: [camera.deviceCode ?? camera.id],
      footageFrom: grantFile.grant.window.from,
      footageTo: grantFile.grant.window.to,
      officialsPresent: grantFile.grant.officials.map((o) => o.id),
      fileDigest: 'ab'.repeat(32),
      digestAlg: 'sm3',
    },
  });
  expect(reported.status(), await reported.text()).toBe(201);
  const use = (await reported.json()) as { registerEntryId: string; ledgerSeq: number; flags: string[] };
  expect(use.flags).toEqual([]);

  // 5. The entry appears in the register (the chief's jurisdiction), with its ledger entry number.
  await page.goto(`/access/register?requestId=${encodeURIComponent(requestId)}`);
  const row = page.locator(`[data-testid="register-row"][data-entry-id="${use.registerEntryId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-kind', 'exported');

  // 6. An inspector's proof: exported by the CLI from the server's database, checked offline with the published key.
  const dir = mkdtempSync(join(tmpdir(), 'jf-access-proof-'));
  const keyFile = join(dir, 'signing.pub.pem');
  writeFileSync(keyFile, ((await (await request.get('/api/keys/signing')).json()) as { publicKeyPem: string }).publicKeyPem);
  const bundleFile = join(dir, 'proof.json');
  const exported = jifang(['ledger', 'export-proof', String(use.ledgerSeq), '--out', bundleFile]);
  expect(exported.code, exported.out).toBe(0);
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as { entry: { object_id: string }; record: { fields: { id: string } } };
  expect(bundle.entry.object_id).toBe(use.registerEntryId);
  expect(bundle.record.fields.id).toBe(use.registerEntryId);
  const checked = jifang(['ledger', 'check-proof', bundleFile, '--key', keyFile]);
  expect(checked.code, checked.out).toBe(0);
  expect(checked.out).toContain(`proof OK: access_register ${use.registerEntryId} matches entry #${use.ledgerSeq}`);

  // The same bundle from the register's download link.
  const download = await page.request.get(`/api/access/register/${encodeURIComponent(use.registerEntryId)}/proof`);
  expect(download.status()).toBe(200);
  const downloaded = join(dir, 'downloaded.json');
  writeFileSync(downloaded, await download.body());
  const again = jifang(['ledger', 'check-proof', downloaded, '--key', keyFile]);
  expect(again.code, again.out).toBe(0);
  await settleAnimations(page);
});
