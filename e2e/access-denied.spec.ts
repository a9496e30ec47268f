// Who may not see what: jurisdictions between city bureaus, signed-out visitors, companies.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { seedCompanyApplication, signIn, type SeededApplication } from './helpers.js';

const openLink = (page: Page, id: string) => page.locator(`[data-testid="queue-open"][data-application-id="${id}"]`);

/** Signs in from the login page and waits until the queue's list request has answered. */
async function signInToQueue(page: Page, username: string): Promise<string[]> {
  await page.goto('/login');
  const listed = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/qualification/applications' && r.request().method() === 'GET',
  );
  await signIn(page, username, DEMO_PASSWORD, /\/officer\/queue/);
  const res = await listed;
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { id: string }[] };
  return body.items.map((a) => a.id);
}

test.describe('access is limited to those entitled', () => {
  let gz: SeededApplication;
  let sz: SeededApplication;

  test.beforeAll(async ({ playwright, baseURL }) => {
    // Each company signs in through its own request context (its own cookie jar).
    for (const [division, label, set] of [
      ['440106', '广州越秀安防', (a: SeededApplication) => (gz = a)],
      ['440305', '深圳南山安防', (a: SeededApplication) => (sz = a)],
    ] as const) {
      const request = await playwright.request.newContext({ baseURL });
      try {
        set(await seedCompanyApplication(request, division, label));
      } finally {
        await request.dispose();
      }
    }
  });

  test('the Shenzhen bureau does not see a Guangzhou application', async ({ page }) => {
    const ids = await signInToQueue(page, 'sz.officer');
    // Its own city's application is there (the queue works) …
    expect(ids).toContain(sz.applicationId);
    await expect(openLink(page, sz.applicationId)).toHaveText(sz.companyName);
    // … the Guangzhou one is not, in the data or on the page, whatever the filter.
    expect(ids).not.toContain(gz.applicationId);
    await page.goto('/officer/queue?scope=all');
    await expect(openLink(page, sz.applicationId)).toBeVisible();
    await expect(openLink(page, gz.applicationId)).toHaveCount(0);
    await expect(page.getByTestId('queue-table')).not.toContainText(gz.companyName);
    await page.getByTestId('queue-search').locator('input').fill(gz.companyName);
    await expect(page.getByTestId('queue-table')).toContainText('暂无事项');

    // Opening the Guangzhou case by its address reveals nothing either (404: it "does not exist").
    const detail = page.waitForResponse((r) => r.url().endsWith(`/api/qualification/applications/${gz.applicationId}`));
    await page.goto(`/applications/${gz.applicationId}`);
    expect((await detail).status()).toBe(404);
    await expect(page.locator('.ant-result-404')).toBeVisible();
    await expect(page.getByText(gz.companyName)).toHaveCount(0);
    await expect(page.getByTestId('application-actions')).toHaveCount(0);
  });

  test('the Guangzhou bureau does see it (control for the test above)', async ({ page }) => {
    const ids = await signInToQueue(page, 'gz.officer');
    expect(ids).toContain(gz.applicationId);
    expect(ids).not.toContain(sz.applicationId);
    await expect(openLink(page, gz.applicationId)).toHaveText(gz.companyName);
    await expect(openLink(page, sz.applicationId)).toHaveCount(0);
  });

  test('an anonymous visitor opening the officer queue is sent to sign in', async ({ page }) => {
    const listed: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/qualification/applications') listed.push(r.url());
    });
    await page.goto('/officer/queue');
    await expect(page).toHaveURL(/\/login(\?next=%2Fofficer%2Fqueue)?$/);
    await expect(page.getByTestId('login-username')).toBeVisible();
    await expect(page.getByTestId('queue-table')).toHaveCount(0);
    expect(listed).toEqual([]);

    // And the API itself refuses a caller without a session.
    const api = await page.request.get('/api/qualification/applications');
    expect(api.status()).toBe(401);
  });

  test('a company user cannot open the officer queue', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, gz.username, gz.password, /\/company$/);
    // The company's menu has its dashboard but no queue entry.
    await expect(page.getByTestId('menu-company')).toHaveCount(1);
    await expect(page.getByTestId('menu-officer-queue')).toHaveCount(0);

    await page.goto('/officer/queue');
    await expect(page).toHaveURL(/\/officer\/queue$/);
    await expect(page.locator('.ant-result-403')).toBeVisible();
    await expect(page.getByText('无权访问', { exact: true })).toBeVisible();
    await expect(page.getByTestId('queue-table')).toHaveCount(0);
    await expect(page.getByTestId('queue-open')).toHaveCount(0);

    // The way back leads to the company's own dashboard.
    await page.getByRole('button', { name: '返回首页' }).click();
    await expect(page).toHaveURL(/\/company$/);
  });
});
