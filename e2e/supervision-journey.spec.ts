// The supervision journey (issue 6, art. 29–39): an inspection found unit.a's bank branch in Tianhe
// keeping footage only 15 days and ordered it to correct within 10 working days; the limit passed
// uncorrected (the demo seed leaves that order lapsed) → the Tianhe bureau files a penalty case under
// art. 34(4) and proposes ¥8,000 for the unit (range 2,000–10,000) → no hearing notice is due (below
// 10,000) → unit.a waives its statement → decision → published on the public list of penalty
// decisions, visible without sign-in. Along the way: ¥35,000 under art. 32 for a unit is refused
// citing art. 32; an anonymous complaint's author stays hidden from unit.a; the supervisory organ
// sees the lapsed order in its oversight view and opens the ledger entry behind it (art. 39).
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { freshUscc, settleAnimations, signIn, signOutSettled, uniqueSuffix, waitForPageIdle } from './helpers.js';

const SITE_NAME = '某银行天河支行营业部（演示）';
const UNIT_NAME = '某银行天河支行（演示）';
const OFFICER = 'gz.tianhe.officer';

async function openCasePage(page: Page, id: string): Promise<void> {
  await page.goto(`/penalty-cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-page')).toBeVisible();
  await waitForPageIdle(page);
}

/** The first amount field: antd puts the test id on the <input> itself or on its wrapper, by version. */
const amountInput = (page: Page) => page.getByTestId('amount-0').locator('xpath=self::input | .//input').first();

async function submitDialog(page: Page): Promise<void> {
  await settleAnimations(page);
  await page.getByTestId('action-submit').click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
}

test('from a lapsed rectification order to a published penalty decision', async ({ page }) => {
  test.setTimeout(240_000);
  const suffix = uniqueSuffix();
  const uscc = freshUscc('440106');
  let orderId = '';
  let caseId = '';
  let decisionNumber = '';
  let complaintId = '';

  await test.step('someone reports the branch anonymously (no sign-in)', async () => {
    const res = await page.request.post('/api/public/complaints', {
      data: { kind: 'report', subjectKind: 'place', subjectName: UNIT_NAME, divisionCode: '440106', content: `营业厅录像只保存半个月，出事后查不到录像（E2E ${suffix}）。` },
    });
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { trackingNumber: string; authority: { unit: { id: string } } };
    expect(body.authority.unit.id).toBe('PSB-440106');
  });

  await test.step('the Tianhe bureau finds the lapsed order: item (4), footage kept 15 days, 10 working days', async () => {
    await page.goto('/login');
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue$/);
    await page.goto('/rectification-orders');
    await waitForPageIdle(page);
    const row = page.getByTestId('order-row').filter({ hasText: SITE_NAME }).and(page.locator('[data-status="lapsed"]')).first();
    await expect(row).toBeVisible();
    await row.getByTestId('order-open').click();
    await expect(page.getByTestId('order-page')).toBeVisible();
    await waitForPageIdle(page);
    orderId = page.url().split('/rectification-orders/')[1]!;
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'lapsed');
    await expect(page.getByTestId('order-failed')).toBeVisible();
    const item = page.getByTestId('order-item');
    await expect(item).toHaveAttribute('data-article', '20');
    await expect(item).toContainText('15');
    // The time limit as issued: 10 working days on the legal-day calendar, already past.
    const order = (await (await page.request.get(`/api/rectification-orders/${orderId}`)).json()) as { dayKind: string; days: number; dueDate: string; failed: boolean };
    expect(order).toMatchObject({ dayKind: 'working', days: 10, failed: true });
  });

  await test.step('the anonymous report reached the bureau with no author', async () => {
    const list = (await (await page.request.get('/api/complaints')).json()) as { items: { id: string; subjectName: string; anonymous?: boolean }[] };
    const mine = list.items.find((c) => c.subjectName === UNIT_NAME);
    expect(mine).toBeTruthy();
    complaintId = mine!.id;
    const detail = (await (await page.request.get(`/api/complaints/${complaintId}`)).json()) as { anonymous: boolean };
    expect(detail.anonymous).toBe(true);
  });

  await test.step('a fine of ¥35,000 under art. 32 for a unit is refused citing art. 32', async () => {
    const res = await page.request.get('/api/penalty-rules/assess?article=32&partyType=unit&amount=35000');
    expect(res.status()).toBe(200);
    const a = (await res.json()) as { ok: boolean; article: string; code: string; range: { min: number; max: number } };
    expect(a).toMatchObject({ ok: false, article: '32', code: 'PENALTY_AMOUNT_OUT_OF_RANGE', range: { min: 5000, max: 30000 } });
  });

  await test.step('the bureau files a case under art. 34(4) from the order', async () => {
    await page.goto(`/penalty-cases/new?order=${encodeURIComponent(orderId)}`);
    await waitForPageIdle(page);
    await expect(page.getByTestId('case-order')).toContainText(SITE_NAME);
    await page.getByTestId('case-facts').fill(`经检查，该单位营业厅录像仅保存 15 日，责令限期整改后逾期未改正（E2E ${suffix}）。`);
    const party = page.getByTestId('case-party-0');
    await party.getByTestId('case-party-name').fill(UNIT_NAME);
    await party.getByTestId('case-party-uscc').fill(uscc);
    await page.getByTestId('case-submit').click();
    await expect(page).toHaveURL(/\/penalty-cases\/[^/]+$/);
    await expect(page.getByTestId('case-page')).toBeVisible();
    await waitForPageIdle(page);
    caseId = page.url().split('/penalty-cases/')[1]!;
    await expect(page.getByTestId('case-page')).toHaveAttribute('data-status', 'open');
    await expect(page.getByText('第34条(4)').first()).toBeVisible();
    await expect(page.getByTestId('order-failed')).toHaveAttribute('data-failed', 'true');
  });

  await test.step('proposes ¥8,000 (range 2,000–10,000): no hearing notice is due', async () => {
    await page.getByTestId('action-propose').click();
    await expect(page.getByTestId('amount-0')).toBeVisible();
    await amountInput(page).fill('8000');
    await expect(page.getByTestId('amount-range-0')).toHaveAttribute('data-min', '2000');
    await expect(page.getByTestId('amount-range-0')).toHaveAttribute('data-max', '10000');
    await expect(page.getByTestId('hearing-notice')).toHaveAttribute('data-due', 'false');
    await expect(page.getByTestId('amount-refused-0')).toHaveCount(0);
    await page.getByTestId('action-text').fill('拟依据第三十四条第（四）项处以罚款。');
    await submitDialog(page);
    await expect(page.getByTestId('case-page')).toHaveAttribute('data-status', 'notified');
    await expect(page.getByTestId('case-hearing-due')).toHaveAttribute('data-due', 'false');
    await expect(page.getByTestId('party-proposed')).toContainText('8,000');
    await signOutSettled(page);
  });

  await test.step('unit.a waives its statement, and sees nothing of who reported it', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await openCasePage(page, caseId);
    await page.getByTestId('action-respond').click();
    await page.getByTestId('respond-waive').click();
    await submitDialog(page);
    await expect(page.getByTestId('action-respond')).toHaveCount(0);
    // The report about its branch: no list, no record, no identity for the unit — through any route.
    expect((await page.request.get('/api/complaints')).status()).toBe(403);
    expect([403, 404]).toContain((await page.request.get(`/api/complaints/${complaintId}`)).status());
    expect([403, 404]).toContain((await page.request.post(`/api/complaints/${complaintId}/identity`, { data: { reason: '查看' } })).status());
    const own = JSON.stringify(await (await page.request.get(`/api/penalty-cases/${caseId}`)).json());
    expect(own).not.toContain(complaintId);
    await page.goto(`/complaints/${complaintId}`);
    await expect(page.getByTestId('complaint-identity')).toHaveCount(0);
    await expect(page.getByTestId('complaint-content-text')).toHaveCount(0);
    await signOutSettled(page);
  });

  await test.step('the bureau decides ¥8,000 and publishes the decision', async () => {
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue$/);
    await openCasePage(page, caseId);
    await page.getByTestId('action-decide').click();
    await expect(amountInput(page)).toHaveValue(/8,?000/);
    await page.getByTestId('action-text').fill('当事人放弃陈述和申辩，违法事实清楚，证据确实充分。');
    await submitDialog(page);
    await expect(page.getByTestId('case-page')).toHaveAttribute('data-status', 'decided');
    decisionNumber = (await page.getByTestId('decision-number').innerText()).trim();
    expect(decisionNumber).not.toBe('');
    await expect(page.getByTestId('party-decided')).toContainText('8,000');
    await page.getByTestId('action-publish').click();
    await expect(page.getByTestId('action-publish')).toHaveCount(0);
    await expect(page.getByTestId('case-publication').first()).toBeVisible();
    await signOutSettled(page);
  });

  await test.step('the decision is on the public list of penalty decisions, without sign-in', async () => {
    await page.goto('/penalty-decisions');
    await waitForPageIdle(page);
    const row = page.locator(`[data-testid="decision-row"][data-number="${decisionNumber}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('decision-party')).toContainText(UNIT_NAME);
    await expect(row.getByTestId('decision-result')).toContainText('8');
    const pub = (await (await page.request.get('/api/public/penalty-decisions')).json()) as { items: { decisionNumber: string }[] };
    expect(pub.items.map((i) => i.decisionNumber)).toContain(decisionNumber);
  });

  await test.step('the supervisory organ sees the lapsed order with the ledger entries behind it (art. 39)', async () => {
    await page.goto('/login');
    await signIn(page, 'gd.supervisor', DEMO_PASSWORD, /\/access\/oversight$/);
    await page.goto('/oversight?category=lapsed');
    await waitForPageIdle(page);
    await expect(page.getByTestId('oversight-unit-PSB-440106')).toBeVisible();
    const item = page.locator(`[data-testid="oversight-item"][data-subject="${orderId}"]`);
    await expect(item).toHaveAttribute('data-category', 'lapsed');
    const links = item.getByTestId('oversight-ledger-link');
    expect(await links.count()).toBeGreaterThan(0);
    await links.first().click();
    await expect(page).toHaveURL(/\/oversight\/ledger\/\d+$/);
    await expect(page.getByTestId('ledger-entry-action')).toContainText('rectification.');
    await expect(page.getByTestId('ledger-entry-hash')).toHaveText(/^[0-9a-f]{64}$/);
    await signOutSettled(page);
  });
});
