// The complaint journey (issue 6, art. 30, 39(2)): a visitor, without signing in, opens the public
// form from the public menu and reports unit.a's bank branch in Tianhe, giving a name and a phone →
// a tracking number and an access code, shown once → the public status page answers only with the
// right code ('received') → the Tianhe bureau finds it in its queue with its deadline, accepts it,
// starts handling and closes it with a result, each a notice → the status page shows the notices
// and 'closed' → unit.a finds it nowhere: not in its menus, 403/404 on every complaint route, and no
// page or API answer it reaches carries the complainant's name, phone or the complaint's text →
// the demo complaint about an official is in the supervisory organ's queue, not in the bureau's.
// The complaint pages are also opened once at a phone's width: nothing scrolls sideways.
import { expect, test, type Page, type Response } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { expectNoHorizontalOverflow, pickCascaderPath, settleAnimations, signIn, signOutSettled, uniqueNumber, uniqueSuffix, waitForPageIdle } from './helpers.js';

const OFFICER = 'gz.tianhe.officer';
const SUPERVISOR = 'gd.supervisor';
// The demo complaint about an official (complaints.seed.ts): the supervisory organ's, never Tianhe's.
const OFFICIAL_SUBJECT = '天河分局技防审批民警（演示）';
// unit.a's own menu (menu-items.ts, unit_user) and the pages it reaches from there.
const UNIT_PAGES = [
  '/registry/sites',
  '/projects',
  '/registry/import',
  '/access/requests',
  '/access/queue',
  '/access/register',
  '/rectification-orders',
  '/penalty-cases',
  '/inspections',
  '/verify',
  '/companies',
  '/penalty-decisions',
  // The public complaint pages are open to anyone, the unit included: they must show nothing of others' complaints.
  '/complaints/new',
  '/complaints/status',
];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };


const statusTag = (page: Page) => page.getByTestId('complaint-status').getByTestId('complaint-status-tag');
const notices = (page: Page) => page.getByTestId('complaint-notice');

/** The public status page, looked up with the tracking number (pre-filled or typed) and this code. */
async function lookUp(page: Page, tracking: string, code: string): Promise<void> {
  await page.goto(`/complaints/status?tracking=${encodeURIComponent(tracking)}`);
  await expect(page.getByTestId('status-tracking')).toHaveValue(tracking);
  await page.getByTestId('status-code').fill(code);
  await page.getByTestId('status-check').click();
}

test('an anonymous report from the public form to its closing, hidden from the unit it names', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(DESKTOP);
  const suffix = uniqueSuffix();
  const name = `林举报${suffix}`;
  const phone = `139${String(uniqueNumber() % 100_000_000).padStart(8, '0')}`;
  const content = `自助银行区两台摄像机损坏已一个多月，夜间无画面，一直未维修。编号${suffix}（E2E）`;
  const result = `经现场核查，摄像机已于本周更换并恢复录像。${suffix}（E2E）`;
  let tracking = '';
  let code = '';
  let ackDue = '';
  let complaintId = '';

  // ── a visitor: the public form, from the public menu ──────────────────────────────────────────
  await test.step('a visitor opens the form from the public menu and files a named report about the bank branch', async () => {
    await page.goto('/');
    await expect(page.getByTestId('header-login')).toBeVisible();
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
    await page.getByTestId('menu-complaints-new').click();
    await expect(page).toHaveURL(/\/complaints\/new$/);
    await expect(page.getByTestId('complaint-form')).toBeVisible();
    await waitForPageIdle(page);

    // Once at a phone's width: the form fits.
    await page.setViewportSize(PHONE);
    await settleAnimations(page);
    await expectNoHorizontalOverflow(page, 'complaint form (phone)');
    await page.setViewportSize(DESKTOP);
    await settleAnimations(page);

    // Defaults: a report about a place or unit.
    await expect(page.getByRole('radio', { name: '举报' })).toBeChecked();
    await expect(page.getByRole('radio', { name: '场所或单位' })).toBeChecked();
    await page.getByTestId('complaint-subject').fill('某银行天河支行营业部（演示）');
    await pickCascaderPath(page, 'complaint-division', ['广州市', '天河区']);
    await page.getByTestId('complaint-content').fill(content);
    await page.getByTestId('complaint-name').fill(name);
    await page.getByTestId('complaint-contact').fill(phone);
    await page.getByTestId('complaint-submit').click();

    const receipt = page.getByTestId('complaint-receipt');
    await expect(receipt).toBeVisible();
    tracking = (await page.getByTestId('complaint-tracking').innerText()).trim();
    code = (await page.getByTestId('complaint-code').innerText()).trim();
    ackDue = (await page.getByTestId('complaint-ack-due').innerText()).trim();
    expect(tracking).toMatch(/^TS-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(ackDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Routed by the division to the Tianhe county bureau (art. 30).
    await expect(receipt).toContainText('天河');
    // The receipt repeats nothing of who complained.
    await expect(receipt).not.toContainText(name);
    await expect(receipt).not.toContainText(phone);
  });

  // ── the status page: only with the right code ──────────────────────────────────────────────────
  await test.step('the status page shows nothing without the code or with a wrong one, and "received" with it', async () => {
    await page.getByTestId('complaint-check-link').click();
    await expect(page).toHaveURL(/\/complaints\/status\?tracking=/);
    await expect(page.getByTestId('status-tracking')).toHaveValue(tracking);
    await waitForPageIdle(page);

    // Without the code: the form does not send, nothing is shown.
    let lookups = 0;
    const count = (r: Response) => {
      if (new URL(r.url()).pathname.startsWith('/api/public/complaints/')) lookups += 1;
    };
    page.on('response', count);
    await page.getByTestId('status-check').click();
    await expect(page.locator('.ant-form-item-explain-error')).toHaveCount(1);
    await expect(page.getByTestId('complaint-status')).toHaveCount(0);
    expect(lookups).toBe(0);

    // A wrong code: the same answer as an unknown number, and nothing of the complaint.
    const wrong = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/public/complaints/${tracking}/status`);
    await page.getByTestId('status-code').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await page.getByTestId('status-check').click();
    expect((await wrong).status()).toBe(404);
    await expect(page.getByTestId('status-not-found')).toBeVisible();
    await expect(page.getByTestId('complaint-status')).toHaveCount(0);
    await expect(page.getByTestId('complaint-notice')).toHaveCount(0);
    page.off('response', count);

    // The right code.
    await page.getByTestId('status-code').fill(code);
    await page.getByTestId('status-check').click();
    await expect(statusTag(page)).toHaveAttribute('data-status', 'received');
    await expect(page.getByTestId('status-not-found')).toHaveCount(0);
    await expect(page.getByTestId('complaint-status')).toContainText(tracking);
    await expect(page.getByTestId('complaint-status')).toContainText(ackDue);
    await expect(notices(page)).toHaveCount(1);
    // A contact was given: the notice would also be sent there (no SMS gateway is connected).
    await expect(notices(page).first()).toHaveAttribute('data-kind', 'received');
    await expect(notices(page).first()).toHaveAttribute('data-delivery', 'would_send');
    // The status page is not a copy of the complaint.
    await expect(page.getByTestId('complaint-status')).not.toContainText(content);
  });

  // ── the Tianhe bureau: queue, deadline, accept, start, close ──────────────────────────────────
  await test.step('gz.tianhe.officer finds the report in its queue with its deadline, and accepts, handles and closes it', async () => {
    await page.goto('/login');
    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue/);
    await expect(page.getByTestId('menu-complaints')).toHaveCount(1);
    await page.goto('/complaints');
    await waitForPageIdle(page);
    const row = page.locator(`[data-testid="complaints-row"][data-tracking="${tracking}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('某银行天河支行营业部（演示）');
    await expect(row.getByTestId('complaint-status-tag')).toHaveAttribute('data-status', 'received');
    // Its deadline: the decision to accept, due on the date the visitor was given.
    await expect(row.getByTestId('complaint-due')).toContainText('受理期限');
    await expect(row.getByTestId('complaint-due')).toContainText(ackDue);
    // Named, but the name is not in the queue.
    await expect(row).toContainText('实名');
    await expect(row).not.toContainText(name);
    await expect(row).not.toContainText(phone);

    await row.getByTestId('complaints-open').click();
    await expect(page).toHaveURL(/\/complaints\/[^/]+$/);
    complaintId = decodeURIComponent(/\/complaints\/([^/?]+)$/.exec(page.url())![1]!);
    await expect(page.getByTestId('complaint-content-text')).toHaveText(content);
    await waitForPageIdle(page);
    // The identity stays sealed until the officer reads it with a reason (not needed here).
    await expect(page.getByTestId('complaint-reveal')).toBeVisible();
    await expect(page.getByTestId('complaint-identity')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(name);
    await expect(page.locator('body')).not.toContainText(phone);

    const detailStatus = () => page.getByTestId('complaint-status-tag').first();
    await expect(detailStatus()).toHaveAttribute('data-status', 'received');

    // Accept (受理): the handling period starts; the complainant is told.
    await settleAnimations(page);
    await page.getByTestId('complaint-step-accept').click();
    await expect(detailStatus()).toHaveAttribute('data-status', 'accepted');
    await expect(notices(page)).toHaveCount(2);
    await expect(page.getByTestId('complaint-due')).toContainText('办理期限');

    // Start handling.
    await waitForPageIdle(page);
    await page.getByTestId('complaint-step-start').click();
    await expect(detailStatus()).toHaveAttribute('data-status', 'handling');
    await expect(notices(page)).toHaveCount(3);

    // Close, with the result.
    await waitForPageIdle(page);
    await page.getByTestId('complaint-step-close').click();
    await expect(page.getByTestId('complaint-field-result')).toBeVisible();
    await settleAnimations(page);
    await page.getByTestId('complaint-field-result').fill(result);
    await page.getByTestId('complaint-step-confirm').click();
    await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
    await expect(detailStatus()).toHaveAttribute('data-status', 'closed');
    await expect(notices(page)).toHaveCount(4);
    expect(await notices(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['received', 'accepted', 'handling', 'closed']);
    await expect(notices(page).last()).toContainText(result);
    await expect(page.locator('[data-testid^="complaint-step-"]')).toHaveCount(0);

    // Once at a phone's width: the detail and the queue (cards) fit.
    await page.setViewportSize(PHONE);
    await waitForPageIdle(page);
    await expectNoHorizontalOverflow(page, 'complaint detail (phone)');
    await page.goto('/complaints');
    await expect(page.locator(`[data-testid="complaints-row"][data-tracking="${tracking}"]`)).toBeVisible();
    await waitForPageIdle(page);
    await expectNoHorizontalOverflow(page, 'complaint queue (phone)');
    await page.setViewportSize(DESKTOP);
    await signOutSettled(page);
  });

  // ── the visitor again: every notice, and closed ──────────────────────────────────────────────
  await test.step('the status page shows the notices and "closed"', async () => {
    await lookUp(page, tracking, code);
    await expect(statusTag(page)).toHaveAttribute('data-status', 'closed');
    await expect(notices(page)).toHaveCount(4);
    expect(await notices(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['received', 'accepted', 'handling', 'closed']);
    await expect(notices(page).last()).toContainText(result);
    await expect(page.getByTestId('complaint-status')).toContainText('已办结');

    // Once at a phone's width: the status page with its notices fits.
    await page.setViewportSize(PHONE);
    await waitForPageIdle(page);
    await expectNoHorizontalOverflow(page, 'complaint status (phone)');
    await page.setViewportSize(DESKTOP);
  });

  // ── unit.a: the report about its branch is nowhere ─────────────────────────────────────────────
  await test.step('unit.a finds the report nowhere and learns nothing of who made it', async () => {
    const secrets = [name, phone, content, code];
    const answers: { url: string; body: string }[] = [];
    const pending: Promise<void>[] = [];
    const record = (r: Response) => {
      if (!new URL(r.url()).pathname.startsWith('/api/')) return;
      pending.push(
        r
          .text()
          .then((body) => void answers.push({ url: r.url(), body }))
          .catch(() => undefined),
      );
    };
    page.on('response', record);

    await page.goto('/login');
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    // No complaint entry in its menu.
    await expect(page.locator('[data-testid^="menu-registry-sites"]').first()).toBeAttached();
    await expect(page.locator('[data-testid^="menu-complaints"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="menu-oversight-complaints"]')).toHaveCount(0);

    // Every page of its menu, and the pages of its sites: no trace of the complaint.
    const texts: { path: string; text: string }[] = [];
    const visit = async (path: string) => {
      await page.goto(path);
      await waitForPageIdle(page);
      texts.push({ path, text: await page.locator('body').innerText() });
    };
    for (const path of UNIT_PAGES) await visit(path);
    await visit('/registry/sites');
    const siteLinks = await page.locator('a[href^="/registry/sites/"]').evaluateAll((as) =>
      [...new Set(as.map((a) => a.getAttribute('href') ?? ''))].filter((h) => /^\/registry\/sites\/[^/]+$/.test(h) && !h.endsWith('/new')),
    );
    expect(siteLinks.length).toBeGreaterThan(0);
    for (const href of siteLinks.slice(0, 5)) await visit(href);

    // The complaint routes: 403 pages (no role), and the API refuses (403) or does not know it (404).
    for (const path of ['/complaints', `/complaints/${complaintId}`, '/oversight/complaints']) {
      await page.goto(path);
      await expect(page.locator('.ant-result-403, .ant-result-404')).toBeVisible();
      await expect(page.getByTestId('complaint-content-text')).toHaveCount(0);
      await expect(page.getByTestId('complaint-identity')).toHaveCount(0);
      texts.push({ path, text: await page.locator('body').innerText() });
    }
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken };
    expect((await page.request.get('/api/complaints')).status()).toBe(403);
    expect((await page.request.get('/api/complaints?mine=true')).status()).toBe(403);
    expect((await page.request.get('/api/oversight/complaints')).status()).toBe(403);
    expect([403, 404]).toContain((await page.request.get(`/api/complaints/${complaintId}`)).status());
    // Well-formed bodies, so that a refusal is about who asks, not about the shape (which would be 400).
    const steps: [string, Record<string, unknown>][] = [
      ['accept', {}],
      ['reject', { reasons: '不予受理' }],
      ['start', {}],
      ['transfer', { toUnitId: 'PSB-440100', reasons: '转交' }],
      ['close', { result: '已办结' }],
      ['inspection', { siteId: 'any-site' }],
    ];
    for (const [step, body] of steps) {
      const res = await page.request.post(`/api/complaints/${complaintId}/${step}`, { headers, data: { version: 4, ...body } });
      expect([403, 404], `POST ${step}: ${res.status()}`).toContain(res.status());
    }
    const identity = await page.request.post(`/api/complaints/${complaintId}/identity`, { headers, data: { reason: '想知道是谁举报的' } });
    expect([403, 404]).toContain(identity.status());
    const identityBody = await identity.text();
    // Without its access code the public status route does not know the number either.
    expect((await page.request.get(`/api/public/complaints/${tracking}`)).status()).toBe(404);

    page.off('response', record);
    await Promise.all(pending);
    for (const { path, text } of texts) {
      for (const s of secrets) expect(text, `page ${path} shows "${s}"`).not.toContain(s);
      expect(text, `page ${path} shows the tracking number`).not.toContain(tracking);
    }
    expect(answers.length).toBeGreaterThan(10);
    for (const { url, body } of [...answers, { url: 'identity', body: identityBody }]) {
      for (const s of secrets) expect(body, `${url} carries "${s}"`).not.toContain(s);
    }
    await signOutSettled(page);
  });

  // ── complaints about officials: the supervisory organ's, not the bureau's ─────────────────────
  await test.step('gd.supervisor sees the complaint about an official; gz.tianhe.officer does not', async () => {
    await signIn(page, SUPERVISOR, DEMO_PASSWORD, /\/access\/oversight$/);
    await expect(page.getByTestId('menu-complaints')).toHaveCount(1);
    await page.goto('/complaints');
    await waitForPageIdle(page);
    const official = page.locator('[data-testid="complaints-row"]').filter({ hasText: OFFICIAL_SUBJECT });
    await expect(official).toHaveCount(1);
    await expect(official.getByTestId('complaint-status-tag')).toHaveAttribute('data-status', 'received');
    // Only complaints about officials are in this queue: not the bureau's report.
    await expect(page.locator(`[data-testid="complaints-row"][data-tracking="${tracking}"]`)).toHaveCount(0);
    await signOutSettled(page);

    await signIn(page, OFFICER, DEMO_PASSWORD, /\/officer\/queue/);
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/complaints' && !new URL(r.url()).search.includes('mine'));
    await page.goto('/complaints');
    await waitForPageIdle(page);
    await expect(page.locator(`[data-testid="complaints-row"][data-tracking="${tracking}"]`)).toBeVisible();
    // Not even with the whole jurisdiction shown.
    await page.getByTestId('complaints-mine').click();
    const all = (await (await listed).json()) as { items: { subjectName: string; queue: string }[] };
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.map((i) => i.subjectName)).not.toContain(OFFICIAL_SUBJECT);
    expect(all.items.every((i) => i.queue !== 'supervision')).toBe(true);
    await waitForPageIdle(page);
    await expect(page.locator(`[data-testid="complaints-row"][data-tracking="${tracking}"]`)).toBeVisible();
    await expect(page.locator('[data-testid="complaints-row"]').filter({ hasText: OFFICIAL_SUBJECT })).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(OFFICIAL_SUBJECT);
    await signOutSettled(page);
  });
});
