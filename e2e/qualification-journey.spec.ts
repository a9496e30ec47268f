// The required journey: a new company registers, applies for level IV, the Guangzhou city bureau
// accepts and approves, and anyone can verify the certificate it was issued.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { freshUscc, pickSelectOption, shanghaiToday, signIn, signOut, uniqueSuffix, usccCheck, validToFor } from './helpers.js';

/** The verify page as the public sees it, kept in the repository's (git-ignored) test-results/. */
const SCREENSHOT = fileURLToPath(new URL('../test-results/verify-page.png', import.meta.url));

test('a new Guangzhou company obtains a level IV certificate that the public can verify', async ({ page, browser, baseURL }) => {
  const suffix = uniqueSuffix();
  const companyName = `广州穗盾安防工程有限公司${suffix}（E2E）`;
  const username = `e2e.${suffix}`;
  const password = `E2e-${suffix}-pw`;
  const uscc = freshUscc('440106');
  expect(uscc).toHaveLength(18);
  expect(uscc[17]).toBe(usccCheck(uscc.slice(0, 17)));

  await test.step('the company registers', async () => {
    await page.goto('/register');
    await page.getByTestId('register-company-name').fill(companyName);

    // A wrong check character is refused by the form before anything is sent.
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    await page.getByTestId('register-uscc').fill(wrong);
    await page.getByTestId('register-uscc').blur();
    await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: /校验/ })).toBeVisible();
    await page.getByTestId('register-uscc').fill(uscc.toLowerCase()); // normalised to capitals by the form
    await expect(page.getByTestId('register-uscc')).toHaveValue(uscc);
    await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: /校验/ })).toHaveCount(0);

    // A Guangdong company (the default; out-of-province companies file a record instead).
    await expect(page.getByRole('radio', { name: '广东省内企业' })).toBeChecked();
    await expect(page.getByRole('radio', { name: '省外企业（在粤备案）' })).not.toBeChecked();

    // Place of registration: 广州市 › 天河区 in the Cascader.
    await page.getByTestId('register-division').click();
    await page.locator('.ant-cascader-menu-item[title="广州市"]').click();
    await page.locator('.ant-cascader-menu-item[title="天河区"]').click();
    await expect(page.getByTestId('register-division')).toContainText('天河区');

    await page.getByTestId('register-username').fill(username);
    await page.getByTestId('register-display-name').fill('穗盾经办人');
    await page.getByTestId('register-password').fill(password);
    await page.getByTestId('register-password-confirm').fill(password);
    await page.getByTestId('register-submit').click();

    // Registered: on to sign-in, the username already filled in.
    await expect(page).toHaveURL(new RegExp(`/login\\?registered=${username.replace(/\./g, '\\.')}$`));
    await expect(page.getByTestId('login-username')).toHaveValue(username);
  });

  await test.step('the company signs in and applies for level IV', async () => {
    await signIn(page, username, password, /\/company$/);
    // A new company: no certificate, no application yet.
    await expect(page.getByText('暂无申请')).toBeVisible();
    await expect(page.getByText('暂无证书')).toBeVisible();
    await page.getByTestId('new-application').click();
    await expect(page).toHaveURL(/\/company\/apply$/);

    await pickSelectOption(page, 'apply-kind', '首次申请');
    await pickSelectOption(page, 'apply-level', '四级');
    await page.getByTestId('apply-material-name-0').fill('营业执照副本');
    await page.getByTestId('apply-material-ref-0').fill(`E2E-LICENCE-${suffix}`);
    await page.getByTestId('apply-submit').click();

    await expect(page).toHaveURL(/\/applications\/[^/]+$/);
    await expect(page.getByTestId('application-status')).toHaveAttribute('data-status', 'submitted');
  });
  const applicationId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  await test.step('the dashboard lists the application as 待受理', async () => {
    await page.goto('/company');
    const link = page.locator(`[data-testid="application-link"][data-application-id="${applicationId}"]`);
    await expect(link).toHaveText('首次申请');
    const row = page.locator('tr').filter({ has: link });
    await expect(row.getByTestId('application-status')).toHaveText('待受理');
    await expect(row).toContainText('四级');
    // No certificate yet.
    await expect(page.getByTestId('certificate-number')).toHaveCount(0);
    await signOut(page);
  });

  let certificateNumber = '';
  const issueDays: string[] = [];
  await test.step('the Guangzhou city bureau accepts and approves', async () => {
    await signIn(page, 'gz.officer', DEMO_PASSWORD, /\/officer\/queue/);
    const open = page.locator(`[data-testid="queue-open"][data-application-id="${applicationId}"]`);
    await expect(open).toHaveText(companyName);
    await expect(page.locator('tr').filter({ has: open })).toContainText('待受理');
    await open.click();

    await expect(page).toHaveURL(new RegExp(`/applications/${applicationId}$`));
    await expect(page.getByText(companyName).first()).toBeVisible();
    await expect(page.getByTestId('application-status')).toHaveAttribute('data-status', 'submitted');
    // Before acceptance there is nothing to decide.
    await expect(page.getByTestId('action-approve')).toHaveCount(0);

    await page.getByTestId('action-accept').click();
    await expect(page.getByTestId('application-status')).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('action-accept')).toHaveCount(0);

    await page.getByTestId('action-approve').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('decide-reasons').fill('材料齐全，符合四级资质条件（E2E）。');
    issueDays.push(shanghaiToday());
    await dialog.getByTestId('decide-confirm').click();
    await expect(dialog).toBeHidden();
    issueDays.push(shanghaiToday()); // the two differ only if the approval straddles midnight in Guangzhou

    await expect(page.getByTestId('application-status')).toHaveAttribute('data-status', 'approved');
    await expect(page.getByTestId('application-status')).toHaveText('已批准');
    await expect(page.getByTestId('application-reasons')).toContainText('符合四级资质条件');
    const number = page.getByTestId('application-certificate-number');
    await expect(number).toHaveText(/^GD-JF-4401-\d{4}-\d{6}$/); // Guangzhou's sequence
    certificateNumber = (await number.textContent())!.trim();
    expect(issueDays.map((d) => d.slice(0, 4))).toContain(certificateNumber.split('-')[3]); // year of issue
    await expect(page.getByTestId('application-actions').getByRole('button')).toHaveCount(0);
    await signOut(page);
  });

  await test.step('an anonymous visitor verifies the certificate', async () => {
    // A fresh browser context: no cookie, no local storage, nothing left from the officer.
    const visitor = await browser.newContext({ baseURL, locale: 'zh-CN' });
    try {
      const anon = await visitor.newPage();
      await anon.goto(`/verify/${encodeURIComponent(certificateNumber)}`);
      await expect(anon.getByTestId('header-login')).toBeVisible();
      await expect(anon.getByTestId('verify-result')).toBeVisible();
      await expect(anon.getByTestId('verify-number')).toHaveText(certificateNumber);
      await expect(anon.getByTestId('verify-company')).toHaveText(companyName);
      await expect(anon.getByTestId('verify-level')).toHaveText('四级');
      await expect(anon.getByTestId('verify-level')).toHaveAttribute('data-level', 'IV');
      await expect(anon.getByTestId('verify-status')).toHaveText('有效');
      await expect(anon.getByTestId('verify-status')).toHaveAttribute('data-status', 'valid');
      await expect(anon.getByTestId('verify-kind')).toHaveText('资质证书');
      // Valid from the day of approval (Guangzhou's calendar) for two years.
      const validity = (await anon.getByTestId('verify-validity').textContent())!.trim();
      expect(issueDays.map((d) => `${d} ~ ${validToFor(d, 2)}`)).toContain(validity);
      const shot = await anon.screenshot({ path: SCREENSHOT, fullPage: true });
      await test.info().attach('verify page', { body: shot, contentType: 'image/png' });

      // A number that does not exist is reported as such.
      await anon.goto(`/verify/${encodeURIComponent(certificateNumber.replace(/\d{6}$/, '999999'))}`);
      await expect(anon.getByTestId('verify-not-found')).toBeVisible();
      await expect(anon.getByTestId('verify-result')).toHaveCount(0);
    } finally {
      await visitor.close();
    }
  });
});
