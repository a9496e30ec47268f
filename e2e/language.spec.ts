// A visitor switches the interface to English on the verify page; the choice survives a reload.
import { expect, test, type Page } from '@playwright/test';

/** The number of a currently valid level IV certificate from the public register (demo data). */
async function validLevelIvNumber(page: Page): Promise<string> {
  const res = await page.request.get('/api/public/companies', { params: { level: 'IV' } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { certificateNumber: string; level: string; status: string }[] };
  const hit = body.items.find((c) => c.level === 'IV' && c.status === 'valid');
  expect(hit, 'the demo data hold a valid level IV certificate').toBeTruthy();
  return hit!.certificateNumber;
}

async function expectChinese(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '资质证书核验' })).toBeVisible();
  await expect(page.getByTestId('verify-submit')).toHaveText(/核\s*验/);
  await expect(page.getByTestId('verify-level')).toHaveText('四级');
  await expect(page.getByTestId('verify-status')).toHaveText('有效');
  await expect(page.getByTestId('verify-kind')).toHaveText('资质证书');
  await expect(page.locator('.ant-descriptions-item-label').getByText('资质等级', { exact: true })).toBeVisible();
  await expect(page.getByTestId('header-login')).toHaveText(/^登\s*录$/);
}

async function expectEnglish(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle(/Guangdong Safety Technology Prevention Management Platform/);
  await expect(page.getByRole('heading', { name: 'Certificate verification' })).toBeVisible();
  await expect(page.getByTestId('verify-submit')).toHaveText('Verify');
  await expect(page.getByTestId('verify-input')).toHaveAttribute('placeholder', 'Certificate number');
  await expect(page.getByTestId('verify-level')).toHaveText('Level IV');
  await expect(page.getByTestId('verify-status')).toHaveText('Valid');
  await expect(page.getByTestId('verify-kind')).toHaveText('Qualification certificate');
  const labels = page.locator('.ant-descriptions-item-label');
  await expect(labels).toHaveText(['Status', 'Type', 'Level', 'Valid']);
  await expect(page.getByTestId('header-login')).toHaveText('Sign in');
  await expect(page.getByText('From the Guangdong public security')).toBeVisible();
  // Nothing of the Chinese interface is left (the company's name is data and stays Chinese).
  await expect(page.getByRole('heading', { name: '资质证书核验' })).toHaveCount(0);
  await expect(page.getByText('资质等级', { exact: true })).toHaveCount(0);
}

test('switching to English relabels the verify page and survives a reload', async ({ page }) => {
  const number = await validLevelIvNumber(page);
  await page.goto(`/verify/${encodeURIComponent(number)}`);
  await expect(page.getByTestId('verify-number')).toHaveText(number);
  const company = (await page.getByTestId('verify-company').textContent())!;
  await expectChinese(page);

  await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
  await expectEnglish(page);
  await expect(page.getByTestId('verify-company')).toHaveText(company);
  // The choice is kept in the browser (local storage), not in a session.
  const stored = (await page.context().storageState()).origins.flatMap((o) => o.localStorage);
  expect(stored).toContainEqual({ name: 'jifang.lang', value: 'en' });

  await page.reload();
  await expect(page.getByTestId('verify-number')).toHaveText(number);
  await expectEnglish(page);

  // Another page of the same tab is in English too, and the way back to Chinese works.
  await page.getByTestId('header-login').click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click();
  await expect(page.getByTestId('login-submit')).toHaveText(/登\s*录/);
  await page.goto(`/verify/${encodeURIComponent(number)}`);
  await expectChinese(page);
});
