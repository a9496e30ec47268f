// The project journey (issue 4): unit.a submits a design scheme for its bank branch without the
// construction drawings → the Tianhe bureau sends the one notice listing them (a second is refused)
// → unit.a supplements and resubmits → the bureau accepts (the review clock shows its due date and
// days left) and approves → unit.a designates lab.a → lab.a reports a pass → unit.a applies for
// acceptance → the bureau grants it → unit.a puts the system in use, and no art. 19 finding opens.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { pickSelectOptionSettled, settleAnimations, signIn, signOutSettled, uniqueSuffix, waitForPageIdle } from './helpers.js';

const SITE_NAME = '某银行天河支行营业部（演示）';
const COMPANY_A = '广州天盾安防科技有限公司（演示）';
const LAB_NAME = '广东省安全技术防范产品质量检测站（演示）';
// unit.a's bank branch is a key unit in Tianhe: its competent bureau is the Tianhe county bureau (art. 17).
const OFFICER = 'gz.tianhe.officer';

/** A small real PDF (the server types uploads by their content, not their name). */
function pdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

async function apiSignIn(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), `sign in ${username}`).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function apiSignOut(request: APIRequestContext, csrf: string): Promise<void> {
  expect((await request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf }, data: {} })).ok()).toBe(true);
}

const status = (page: Page) => page.getByTestId('project-status');

async function openProject(page: Page, id: string): Promise<void> {
  await page.goto(`/projects/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('project-title')).toBeVisible();
  await waitForPageIdle(page);
}

/** Chooses `file` for the upload button inside `scope` (a checklist row or a dialog). */
async function upload(scope: ReturnType<Page['locator']>, name: string, bytes: Buffer): Promise<void> {
  await scope.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
}

test('a design scheme from incomplete submission to a system in use', async ({ page, request }) => {
  test.setTimeout(240_000);
  const suffix = uniqueSuffix();
  const title = `营业厅视频监控系统扩容${suffix}（E2E）`;
  const reportNumber = `GDAF-E2E-${suffix}`;
  let projectId = '';
  let siteId = '';

  // ── unit.a: the wizard — site, system, companies, investment → a draft naming its bureau ─────
  await test.step('unit.a starts the wizard and creates the draft for its bank branch', async () => {
    await page.goto('/login');
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await page.goto('/projects/new');
    await waitForPageIdle(page);
    await page.getByTestId('wizard-title').fill(title);
    await pickSelectOptionSettled(page, 'wizard-site', SITE_NAME);
    await pickSelectOptionSettled(page, 'wizard-systems', '视频监控');
    await page.keyboard.press('Escape');
    // The company pickers search the public register of qualified companies (art. 14(2)).
    await pickSelectOptionSettled(page, 'wizard-designer', COMPANY_A);
    await pickSelectOptionSettled(page, 'wizard-builder', COMPANY_A);
    await page.getByTestId('wizard-investment').fill('150000');
    await settleAnimations(page);
    await page.getByTestId('wizard-create').click();
    await expect(page).toHaveURL(/\/projects\/[^/]+\/wizard$/);
    projectId = decodeURIComponent(/\/projects\/([^/]+)\/wizard$/.exec(page.url())![1]!);
    const draft = (await (await page.request.get(`/api/projects/${encodeURIComponent(projectId)}`)).json()) as { site: { id: string } };
    siteId = draft.site.id;
  });

  // ── unit.a: four of the five classes, submitted anyway ───────────────────────────────────────
  await test.step('unit.a uploads four classes in the wizard and submits without the drawings', async () => {
    await expect(page.getByTestId('wizard-particulars')).toContainText(SITE_NAME);
    // The competent bureau is named on the draft: the Tianhe county bureau.
    await expect(page.getByTestId('project-authority')).toContainText('天河');
    await expect(page.getByTestId('scale-class').first()).toHaveAttribute('data-scale-class', '3');
    for (const c of ['design_scheme', 'bidding_documents', 'contracts', 'quality_certificates']) {
      const row = page.getByTestId(`checklist-${c}`);
      await expect(row).toHaveAttribute('data-present', 'false');
      await upload(row, `${c}.pdf`, pdf(c));
      await expect(row).toHaveAttribute('data-present', 'true');
    }
    await expect(page.getByTestId('checklist-construction_drawings')).toHaveAttribute('data-present', 'false');
    await expect(page.getByTestId('wizard-present-count')).toContainText('4');
    await page.getByTestId('wizard-next').click();

    const warning = page.getByTestId('wizard-missing-warning');
    await expect(warning).toContainText('施工图纸');
    await page.getByTestId('wizard-submit').click();
    await settleAnimations(page);
    await page.getByTestId('wizard-submit-anyway').click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
    await expect(status(page)).toHaveAttribute('data-status', 'submitted');
    // Submitted: the bureau's 5-working-day completeness clock runs (行政许可法 art. 32).
    await expect(page.locator('[data-testid="deadline-row"][data-kind="scheme.completeness"]')).toHaveAttribute('data-status', 'open');
    await signOutSettled(page);
  });

  // ── the bureau: the one notice ───────────────────────────────────────────────────────────────
  await test.step('the Tianhe bureau sends one notice listing the drawings; a second is not offered and is refused', async () => {
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue/);
    await page.goto('/officer/projects');
    const open = page.locator(`[data-testid="pqueue-open"][data-project-id="${projectId}"]`);
    await expect(open).toBeVisible();
    await open.click();
    await expect(page.getByTestId('project-title')).toHaveText(title);
    await waitForPageIdle(page);

    await page.getByTestId('action-notice').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('notice-classes') });
    await expect(dialog).toBeVisible();
    await settleAnimations(page);
    // The dialog starts from the checklist: only the missing class is ticked.
    await expect(dialog.getByRole('checkbox', { name: '施工图纸' })).toBeChecked();
    for (const label of ['设计方案', '招标文件', '合同', '设备和产品质量证明']) {
      await expect(dialog.getByRole('checkbox', { name: label, exact: true })).not.toBeChecked();
    }
    await dialog.getByTestId('notice-note').fill('请补正施工图纸（E2E）');
    await page.getByTestId('notice-confirm').click();
    await expect(dialog).toBeHidden();

    await expect(status(page)).toHaveAttribute('data-status', 'supplement_required');
    const notice = page.getByTestId('project-missing-notice');
    await expect(notice.locator('li')).toHaveCount(1);
    await expect(notice.locator('li[data-doc-class="construction_drawings"]')).toContainText('施工图纸');
    // One notice only: the step is no longer offered …
    await expect(page.getByTestId('action-notice')).toHaveCount(0);
    await signOutSettled(page);

    // … and the server refuses it.
    const csrf = await apiSignIn(request, OFFICER);
    const again = await request.post(`/api/projects/${projectId}/notice`, {
      headers: { 'x-csrf-token': csrf },
      data: { missing: [{ docClass: 'contracts', zh: '合同' }] },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('PROJECT_NOTICE_ALREADY_ISSUED');
    await apiSignOut(request, csrf);
  });

  // ── unit.a: the supplement ───────────────────────────────────────────────────────────────────
  await test.step('unit.a uploads the drawings and resubmits', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await openProject(page, projectId);
    await expect(page.getByTestId('project-missing-notice')).toContainText('施工图纸');
    await page.getByTestId('action-supplement').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('supplement-confirm') });
    await expect(dialog).toBeVisible();
    await settleAnimations(page);
    const row = dialog.getByTestId('checklist-construction_drawings');
    await upload(row, 'construction_drawings.pdf', pdf('drawings'));
    await expect(row).toHaveAttribute('data-present', 'true');
    await page.getByTestId('supplement-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(status(page)).toHaveAttribute('data-status', 'submitted');
    await expect(page.getByTestId('checklist-construction_drawings')).toHaveAttribute('data-present', 'true');
    await signOutSettled(page);
  });

  // ── the bureau: accept (the review clock) and approve ────────────────────────────────────────
  await test.step('the bureau accepts — the review clock shows its due date and days left — and approves', async () => {
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue/);
    await openProject(page, projectId);
    await page.getByTestId('action-accept').click();
    await expect(status(page)).toHaveAttribute('data-status', 'scheme_accepted');

    // 15 working days from today on the legal calendar (art. 17), as the calendar calculator says.
    const review = page.locator('[data-testid="deadline-row"][data-kind="scheme.review"]');
    await expect(review).toHaveAttribute('data-status', 'open');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const due = (await (await page.request.get(`/api/calendar/due?start=${today}&days=15&dayKind=working`)).json()) as { dueDate: string };
    await expect(review).toHaveAttribute('data-due-date', due.dueDate);
    await expect(review.getByTestId('deadline-days-left')).toHaveText(/剩余 1[45] 个工作日/);

    await page.getByTestId('action-approve').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('approve-confirm') });
    await expect(dialog).toBeVisible();
    await settleAnimations(page);
    await page.getByTestId('approve-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(status(page)).toHaveAttribute('data-status', 'scheme_approved');
    await expect(page.getByTestId('project-approval-number')).not.toBeEmpty();
    await expect(review).toHaveAttribute('data-status', 'closed');
    await signOutSettled(page);
  });

  // ── unit.a designates lab.a ──────────────────────────────────────────────────────────────────
  await test.step('unit.a designates the accredited testing institution of lab.a', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await openProject(page, projectId);
    await page.getByTestId('action-designate-testing').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('designate-confirm') });
    await expect(dialog).toBeVisible();
    await pickSelectOptionSettled(page, 'designate-institution', LAB_NAME);
    await page.getByTestId('designate-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('project-institution')).toContainText(LAB_NAME);
    await signOutSettled(page);
  });

  // ── lab.a reports ────────────────────────────────────────────────────────────────────────────
  await test.step('lab.a submits a passing test report with its document', async () => {
    await signIn(page, 'lab.a', DEMO_PASSWORD, /\/projects$/);
    await expect(page.locator(`[data-testid="project-open"][data-project-id="${projectId}"]`)).toBeVisible();
    await openProject(page, projectId);
    await page.getByTestId('action-test-report').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('test-report-confirm') });
    await expect(dialog).toBeVisible();
    await settleAnimations(page);
    await dialog.getByTestId('test-report-number').fill(reportNumber);
    // One item per system, passing by default; a second item added and passed.
    await expect(dialog.getByTestId('test-item-name-0')).toHaveValue('视频监控');
    await dialog.getByTestId('test-item-add').click();
    await dialog.getByTestId('test-item-name-1').fill('录像保存期限不少于30日');
    await expect(dialog.getByTestId('test-report-conclusion')).toHaveAttribute('data-conclusion', 'pass');
    await upload(dialog, 'test-report.pdf', pdf('test report'));
    await expect(dialog).toContainText('test-report.pdf');
    await page.getByTestId('test-report-confirm').click();
    await expect(dialog).toBeHidden();
    const reports = page.getByTestId('project-test-reports');
    await expect(reports).toContainText(reportNumber);
    await expect(reports.getByTestId('test-report-row-conclusion').first()).toHaveAttribute('data-conclusion', 'pass');
    await expect(status(page)).toHaveAttribute('data-status', 'scheme_approved');
    await signOutSettled(page);
  });

  // ── unit.a applies for acceptance ────────────────────────────────────────────────────────────
  await test.step('unit.a applies for acceptance citing the passing report', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await openProject(page, projectId);
    await page.getByTestId('action-apply-acceptance').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('apply-acceptance-confirm') });
    await expect(dialog).toBeVisible();
    await settleAnimations(page);
    await expect(dialog.getByRole('radio', { name: new RegExp(reportNumber) })).toBeChecked();
    await page.getByTestId('apply-acceptance-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(status(page)).toHaveAttribute('data-status', 'acceptance_applied');
    // The acceptance decision has its clock too (art. 19; 行政许可法 art. 42).
    await expect(page.locator('[data-testid="deadline-row"][data-kind="acceptance.decision"]')).toHaveAttribute('data-status', 'open');
    await signOutSettled(page);
  });

  // ── the bureau grants acceptance ─────────────────────────────────────────────────────────────
  await test.step('the bureau grants acceptance: the project is completed', async () => {
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue/);
    await openProject(page, projectId);
    await page.getByTestId('action-grant-acceptance').click();
    await expect(page.getByTestId('grant-acceptance-confirm')).toBeVisible();
    await settleAnimations(page);
    await page.getByTestId('grant-acceptance-confirm').click();
    await expect(status(page)).toHaveAttribute('data-status', 'completed');
    await expect(page.getByTestId('project-acceptance-number')).not.toBeEmpty();
    await expect(page.getByTestId('project-systems')).toContainText('已验收');
    await signOutSettled(page);
  });

  // ── unit.a puts the system in use ────────────────────────────────────────────────────────────
  await test.step('unit.a puts the accepted system in use: no art. 19 finding', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await page.goto(`/registry/sites/${encodeURIComponent(siteId)}`);
    await expect(page.getByTestId('site-title')).toHaveText(SITE_NAME);
    await waitForPageIdle(page);
    const row = page.locator('[data-testid="system-row"]').filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('system-status-tag')).toHaveAttribute('data-status', 'accepted');
    const systemId = (await row.getAttribute('data-system-id'))!;

    await page.getByTestId(`system-edit-${systemId}`).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('system-form') });
    await expect(dialog).toBeVisible();
    await pickSelectOptionSettled(page, 'system-status', '在用');
    await dialog.getByTestId('system-submit').click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId('system-status-tag')).toHaveAttribute('data-status', 'in_use');

    // Used after acceptance: nothing for art. 19 on this site, also after a reload (the server's findings).
    const art19 = page.locator('[data-testid="site-findings"] [data-testid="finding-row"][data-article="19"]');
    await expect(art19).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('site-title')).toHaveText(SITE_NAME);
    await expect(page.locator('[data-testid="system-row"]').filter({ hasText: title }).getByTestId('system-status-tag')).toHaveAttribute('data-status', 'in_use');
    await expect(art19).toHaveCount(0);
  });
});
