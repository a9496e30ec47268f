// The inspector's journey on a phone (issue 6, art. 29): gz.tianhe.officer opens the planned
// targeted inspection of unit.a's bank branch (seeded on the seeding day), finds the checklist of
// art. 29 items (1)–(6) pre-filled from the registry's findings — item (4) flagged because footage is
// kept only 15 days — confirms every item, attaches a photo, completes the inspection and orders a
// correction within 10 working days, due on the day the platform's calendar calculator gives →
// unit.a finds the order in its rectification inbox and reports the correction → the officer
// re-inspects and closes it as corrected. Then a 双随机 plan is drawn and its draw reproduced from the
// seed. All at 390 × 844, and the checklist and order pages never scroll sideways.
import { deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { expectNoHorizontalOverflow, settleAnimations, shanghaiToday, signIn, signOutSettled, uniqueSuffix, waitForPageIdle } from './helpers.js';

const SITE_NAME = '某银行天河支行营业部（演示）';
const OFFICER = 'gz.tianhe.officer';
const SEEDED_PLAN = '2026 年天河区技防双随机抽查（演示）';

test.use({ viewport: { width: 390, height: 844 } });

// ---------------------------------------------------------------------------------------------
// A tiny but real PNG (2 × 2, RGB), built here with correct chunk CRCs, so the server's sniffing
// sees what a phone camera's PNG would give it.
// ---------------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // Each scanline: filter byte 0, then two RGB pixels.
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}


async function openOrder(page: Page, orderId: string): Promise<void> {
  await page.goto(`/rectification-orders/${encodeURIComponent(orderId)}`);
  await expect(page.getByTestId('order-page')).toBeVisible();
  await expect(page.getByTestId('order-page').getByTestId('order-status')).toBeVisible();
  await waitForPageIdle(page);
}

test('the inspector on a phone: checklist, photo, order within 10 working days, correction, closed', async ({ page }) => {
  test.setTimeout(240_000);
  const suffix = uniqueSuffix();
  const today = shanghaiToday();
  let inspectionId = '';
  let orderId = '';
  let orderNumber = '';

  await test.step('the officer opens the planned inspection of the branch from "my inspections"', async () => {
    await page.goto('/login');
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue$/);
    await page.goto('/inspections');
    await waitForPageIdle(page);
    const row = page.getByTestId('inspections-mine').locator(`[data-testid="inspection-row"][data-site="${SITE_NAME}"][data-status="planned"]`)
      // The seeded draw may also have picked the branch for this officer: the targeted one is ours.
      .filter({ hasText: '专项' });
    await expect(row).toHaveCount(1);
    await row.getByTestId('inspection-open').click();
    await expect(page).toHaveURL(/\/inspections\/[^/]+$/);
    await expect(page.getByTestId('inspection-page')).toBeVisible();
    await expect(page.getByTestId('inspection-status')).toHaveAttribute('data-status', 'planned');
    await waitForPageIdle(page);
    inspectionId = page.url().split('/inspections/')[1]!;
  });

  await test.step('the checklist of art. 29 (1)–(6), item (4) pre-filled from the 15-day finding', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await expect(page.getByTestId(`checklist-item-${n}`)).toHaveAttribute('data-result', 'pending');
    }
    await expect(page.getByTestId('item-suggested-4')).toBeVisible();
    // In words, with the registry's detail: the recorder is set to keep 15 days, below 30.
    const prefill = page.getByTestId('item-suggested-4').getByTestId('item-prefill').and(page.locator('[data-article="20"]'));
    await expect(prefill).toHaveAttribute('data-rule', 'retention_configured_below_minimum');
    await expect(prefill).toContainText('15 天');
    await expect(prefill).toContainText('§20');
    await expect(page.getByTestId('item-suggested-4')).not.toContainText('retention_configured_below_minimum');
    // The suggestion is pre-selected and the article pre-filled; the inspector still has to confirm.
    await expect(page.getByTestId('item-article-4').locator('xpath=self::input | .//input').first()).toHaveValue('20');
    const detail = (await (await page.request.get(`/api/inspections/${inspectionId}`)).json()) as {
      checklist: { item: number; suggested: string | null; article: string | null; prefill: { article: string; detail: string | null }[] }[];
    };
    expect(detail.checklist.map((e) => e.item)).toEqual([1, 2, 3, 4, 5, 6]);
    const four = detail.checklist.find((e) => e.item === 4)!;
    expect(four).toMatchObject({ suggested: 'problem', article: '20' });
    expect(four.prefill.some((f) => f.article === '20' && JSON.stringify(f.detail ?? '').includes('15'))).toBe(true);
    await expectNoHorizontalOverflow(page, 'checklist');
  });

  await test.step('confirms each item and attaches a photo to item (4)', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const card = page.getByTestId(`checklist-item-${n}`);
      if (n === 4) {
        await card.getByTestId('item-result-4-problem').click();
        await card.getByTestId('item-observation-4').fill(`营业厅录像仅保存 15 日，少于 30 日（E2E ${suffix}）`);
      } else {
        await card.getByTestId(`item-result-${n}-ok`).click();
      }
      await card.getByTestId(`item-save-${n}`).click();
      await expect(page.getByTestId(`checklist-item-${n}`)).toHaveAttribute('data-result', n === 4 ? 'problem' : 'ok');
      await expect(page.getByTestId(`item-saved-${n}`)).toBeVisible();
    }
    const photoInput = page.getByTestId('checklist-item-4').locator('input[type=file]');
    await photoInput.setInputFiles({ name: `footage-${suffix}.png`, mimeType: 'image/png', buffer: tinyPng() });
    const photo = page.getByTestId('checklist-item-4').getByTestId('item-photo');
    await expect(photo).toHaveCount(1);
    // The photo is served back as the image it was (the browser decodes it).
    await expect.poll(() => photo.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);
    await expectNoHorizontalOverflow(page, 'checklist with photo');
  });

  await test.step('completes the inspection and orders a correction within 10 working days', async () => {
    await page.getByTestId('inspection-summary').fill(`录像保存期限不足 30 日，责令限期整改（E2E ${suffix}）`);
    await page.getByTestId('inspection-complete').click();
    await expect(page.getByTestId('inspection-status')).toHaveAttribute('data-status', 'completed');
    await expect(page.getByTestId('order-issue-card')).toBeVisible();
    await expect(page.getByTestId('order-item-4')).toBeVisible();
    await expect(page.getByTestId('order-item-4').locator('xpath=self::input | .//input').first()).toBeChecked();
    await expect(page.getByTestId('order-days').locator('xpath=self::input | .//input').first()).toHaveValue('10');
    await expect(page.getByTestId('order-day-kind')).toContainText('工作日');
    await expectNoHorizontalOverflow(page, 'completed inspection');
    await settleAnimations(page);
    await page.getByTestId('order-issue-submit').click();
    await expect(page).toHaveURL(/\/rectification-orders\/[^/]+$/);
    await expect(page.getByTestId('order-page')).toBeVisible();
    await expect(page.getByTestId('order-page').getByTestId('order-status')).toHaveAttribute('data-status', 'issued');
    await waitForPageIdle(page);
    orderId = page.url().split('/rectification-orders/')[1]!;
    orderNumber = (await page.getByTestId('order-number').innerText()).trim();
    expect(orderNumber).toMatch(/^穗天公技整字〔\d{4}〕第\d+号$/);
  });

  await test.step("the order's due date is the platform calculator's answer for 10 working days", async () => {
    const calc = await page.request.get(`/api/calendar/due?start=${today}&days=10&dayKind=working`);
    expect(calc.status()).toBe(200);
    const { dueDate } = (await calc.json()) as { dueDate: string };
    // The order runs on the site's division (Tianhe): the same answer there.
    const local = (await (await page.request.get(`/api/calendar/due?start=${today}&days=10&dayKind=working&divisionCode=440106`)).json()) as { dueDate: string };
    expect(local.dueDate).toBe(dueDate);
    await expect(page.getByTestId('order-due')).toHaveAttribute('data-due', dueDate);
    const order = (await (await page.request.get(`/api/rectification-orders/${orderId}`)).json()) as { issuedOn: string; dueDate: string; dayKind: string; days: number; items: { item: number; article: string }[] };
    expect(order).toMatchObject({ issuedOn: today, dueDate, dayKind: 'working', days: 10, items: [{ item: 4, article: '20' }] });
    await expect(page.getByTestId('order-item')).toHaveAttribute('data-article', '20');
    await expect(page.getByTestId('order-item')).toContainText('15');
    await expectNoHorizontalOverflow(page, 'order (issued)');
    await signOutSettled(page);
  });

  await test.step('unit.a finds the order in its rectification inbox and reports the correction', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await page.goto('/rectification-orders');
    await waitForPageIdle(page);
    const row = page.locator(`[data-testid="order-row"][data-status="issued"]`).filter({ hasText: orderNumber });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(SITE_NAME);
    await row.getByTestId('order-open').click();
    await expect(page).toHaveURL(new RegExp(`/rectification-orders/${orderId}$`));
    await expect(page.getByTestId('order-page').getByTestId('order-status')).toHaveAttribute('data-status', 'issued');
    await waitForPageIdle(page);
    await expect(page.getByTestId('order-report-card')).toBeVisible();
    await expectNoHorizontalOverflow(page, 'order (unit inbox)');
    await page.getByTestId('order-report-note').fill(`已将营业厅录像保存期限调整为 30 日（E2E ${suffix}）。`);
    await page.getByTestId('order-report-submit').click();
    await expect(page.getByTestId('order-page').getByTestId('order-status')).toHaveAttribute('data-status', 'reported');
    await expect(page.getByTestId('order-report')).toContainText(`E2E ${suffix}`);
    await expect(page.getByTestId('order-report-card')).toHaveCount(0);
    await expectNoHorizontalOverflow(page, 'order (reported)');
    await signOutSettled(page);
  });

  await test.step('the officer re-inspects and closes the order as corrected', async () => {
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue$/);
    await openOrder(page, orderId);
    await expect(page.getByTestId('order-page').getByTestId('order-status')).toHaveAttribute('data-status', 'reported');
    await expect(page.getByTestId('order-report')).toContainText(`E2E ${suffix}`);
    await expect(page.getByTestId('order-verify-card')).toBeVisible();
    await page.getByTestId('order-verify-note').fill('现场复查：录像保存 30 日，已整改。');
    await page.getByTestId('order-verify-corrected').click();
    await expect(page.getByTestId('order-page').getByTestId('order-status')).toHaveAttribute('data-status', 'corrected');
    await expect(page.getByTestId('order-verify-card')).toHaveCount(0);
    await expect(page.getByTestId('order-failed')).toHaveCount(0);
    const order = (await (await page.request.get(`/api/rectification-orders/${orderId}`)).json()) as { status: string; failed: boolean; verification: unknown };
    expect(order).toMatchObject({ status: 'corrected', failed: false });
    expect(order.verification).toBeTruthy();
    const steps = await page.getByTestId('order-timeline').getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { action: string } }).dataset.action));
    expect(steps).toEqual(expect.arrayContaining(['rectification.issued', 'rectification.reported']));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    await expectNoHorizontalOverflow(page, 'order (corrected)');
  });

  await test.step('the seeded 双随机 plan: its draw is reproduced from the seed', async () => {
    await page.goto('/inspections');
    await waitForPageIdle(page);
    await page.getByTestId('tab-plans').click();
    await waitForPageIdle(page);
    await page.getByTestId('plan-row').filter({ hasText: SEEDED_PLAN }).click();
    await expect(page).toHaveURL(/\/inspections\/plans\/[^/]+$/);
    await expect(page.getByTestId('plan-draw-card')).toBeVisible();
    await waitForPageIdle(page);
    await expect(page.getByTestId('plan-seed')).toHaveText(/[0-9a-f]{64}/);
    await page.getByTestId('plan-verify').click();
    await expect(page.getByTestId('plan-verify-result')).toHaveAttribute('data-ok', 'true');
  });

  await test.step('a new 双随机 plan is drawn and its draw reproduced', async () => {
    await page.goto('/inspections');
    await waitForPageIdle(page);
    await page.getByTestId('tab-plans').click();
    await waitForPageIdle(page);
    await page.getByTestId('plan-new').click();
    await expect(page.getByTestId('plan-title')).toBeVisible();
    await settleAnimations(page);
    const title = `天河区技防双随机抽查（E2E ${suffix}）`;
    await page.getByTestId('plan-title').fill(title);
    await page.getByTestId('plan-target-count').locator('xpath=self::input | .//input').first().fill('1');
    await page.getByTestId('plan-inspectors').locator('xpath=self::input | .//input').first().fill('1');
    const [y, m, d] = today.split('-').map(Number);
    const end = new Date(Date.UTC(y!, m! - 1, d! + 30)).toISOString().slice(0, 10);
    const range = page.locator('.ant-modal:visible .ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(today);
    await range.nth(0).press('Enter');
    await range.nth(1).fill(end);
    await range.nth(1).press('Enter');
    await expect(range.nth(0)).toHaveValue(today);
    await expect(range.nth(1)).toHaveValue(end);
    await settleAnimations(page);
    await page.getByTestId('plan-submit').click();
    await expect(page).toHaveURL(/\/inspections\/plans\/[^/]+$/);
    await waitForPageIdle(page);
    await expect(page.getByText(title).first()).toBeVisible();
    await page.getByTestId('plan-draw').click();
    await expect(page.getByTestId('plan-draw-confirm')).toBeVisible();
    await settleAnimations(page);
    await page.getByTestId('plan-draw-confirm').click();
    await expect(page.getByTestId('plan-draw-card')).toBeVisible();
    await expect(page.getByTestId('plan-draw')).toHaveCount(0);
    await expect(page.getByTestId('plan-inspections').getByTestId('inspection-row')).toHaveCount(1);
    await waitForPageIdle(page);
    await page.getByTestId('plan-verify').click();
    await expect(page.getByTestId('plan-verify-result')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('plan-verify-result')).toContainText('复核一致');
    await signOutSettled(page);
  });
});
