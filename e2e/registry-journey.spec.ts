// The registry journey (issue 3): unit.a registers its bank branch in Tianhe with a video system and
// two cameras, one in a changing room. The art. 10 warning is shown and confirmed, the finding opens
// for the unit and for the Tianhe police, not for Shenzhen's, and removing the camera resolves it.
import { expect, test, type Page, type Response } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { freshDeviceCode, pickCascaderPath, pickSelectOptionSettled, settleAnimations, signIn, signOutSettled, uniqueSuffix, waitForPageIdle } from './helpers.js';

const FINDINGS_API = '/api/registry/findings';

/** The next answer to the findings list (not the counts), so that an absent row is really absent, not yet loading. */
function findingsListed(page: Page, match: (q: URLSearchParams) => boolean = () => true): Promise<Response> {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === FINDINGS_API && r.request().method() === 'GET' && match(url.searchParams);
  });
}

async function listedSiteIds(res: Response): Promise<{ siteIds: string[]; articles: string[]; total: number }> {
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { siteId: string; article: string }[]; total: number };
  return { siteIds: body.items.map((f) => f.siteId), articles: body.items.map((f) => f.article), total: body.total };
}

test('a camera in a changing room: the art. 10 finding reaches Tianhe police, not Shenzhen, and resolves when removed', async ({ page }) => {
  const suffix = uniqueSuffix();
  const siteName = `天河某银行支行${suffix}（E2E）`;
  const address = `广州市天河区天河路 ${suffix} 号（E2E）`;
  const responsibleParty = `某银行股份有限公司广州天河支行${suffix}`;
  const systemName = `营业厅视频监控系统${suffix}`;
  const lobbyName = `营业厅摄像机${suffix}`;
  const changingName = `员工更衣室摄像机${suffix}`;
  const lobbyCode = freshDeviceCode('440106');
  const changingCode = freshDeviceCode('440106');
  expect(lobbyCode).toMatch(/^\d{20}$/);
  expect(changingCode).not.toBe(lobbyCode);

  const art10 = page.locator('[data-testid="site-findings"] [data-testid="finding-row"][data-article="10"]');
  const deviceRows = page.getByTestId('device-row');

  // ── unit.a registers its bank branch ─────────────────────────────────────────────────────────
  let siteId = '';
  await test.step('unit.a registers its bank branch in Tianhe', async () => {
    await page.goto('/login');
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await page.getByTestId('site-new').click();
    await expect(page).toHaveURL(/\/registry\/sites\/new(\?.*)?$/);

    // A unit user registers key units only (art. 9); key public areas are the officers' (art. 7).
    const typeGroup = page.getByTestId('site-type');
    await expect(typeGroup.getByRole('radio', { name: '重点单位' })).toBeChecked();
    await expect(typeGroup.getByRole('radio', { name: '重点公共区域' })).toBeDisabled();

    await page.getByTestId('site-name').fill(siteName);
    await pickCascaderPath(page, 'site-division', ['广州市', '天河区']);
    await page.getByTestId('site-address').fill(address);
    await pickSelectOptionSettled(page, 'site-category', '4 金融及贵重物品经营场所');
    await pickSelectOptionSettled(page, 'site-kind', '金融机构营业场所');
    // The category's required systems (art. 9, the province's illustrative table) include video.
    await expect(page.getByTestId('site-required-systems')).toContainText('视频监控');
    await page.getByTestId('site-responsible-party').fill(responsibleParty);
    await pickSelectOptionSettled(page, 'site-responsible-basis', '所有权人');
    await page.getByTestId('site-submit').click();

    await expect(page).toHaveURL(/\/registry\/sites\/(?!new)[^/?]+$/);
    siteId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect(page.getByTestId('site-title')).toHaveText(siteName);
    const particulars = page.locator('.ant-descriptions');
    await expect(particulars).toContainText('金融机构营业场所');
    await expect(particulars).toContainText(`${responsibleParty}（所有权人）`);
    await expect(particulars).toContainText(address);
    // No systems yet: the category's required systems are missing (art. 9), nothing about privacy.
    await expect(page.locator('[data-testid="site-findings"] [data-testid="finding-row"][data-article="9"]').first()).toBeVisible();
    await expect(art10).toHaveCount(0);
  });

  // ── a video surveillance system ──────────────────────────────────────────────────────────────
  let systemId = '';
  await test.step('adds a video surveillance system', async () => {
    await page.getByTestId('system-add').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('system-form') });
    await expect(dialog).toBeVisible();
    await settleAnimations(page); // the modal has zoomed in
    await pickSelectOptionSettled(page, 'system-type', '视频监控');
    await dialog.getByTestId('system-name').fill(systemName);
    await dialog.getByTestId('system-submit').click();
    await expect(dialog).toBeHidden();

    const row = page.locator('[data-testid="system-row"][data-system-type="video_surveillance"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(systemName);
    systemId = (await row.getAttribute('data-system-id'))!;
    expect(systemId).toBeTruthy();
    await expect(page.getByTestId(`devices-${systemId}`)).toContainText('该系统尚未登记设备');
  });

  const deviceDialog = page.getByRole('dialog').filter({ has: page.getByTestId('device-form') });
  const privacyDialog = page.getByRole('dialog').filter({ has: page.getByTestId('privacy-warning') });

  // ── a camera in the lobby (public area, with its sign) ──────────────────────────────────────
  await test.step('adds a camera in the public area with a valid GB/T 28181 code', async () => {
    await page.getByTestId(`device-add-${systemId}`).click();
    await expect(deviceDialog).toBeVisible();
    await settleAnimations(page);
    await expect(deviceDialog.getByTestId('device-kind')).toContainText('摄像机');
    await deviceDialog.getByTestId('device-name').fill(lobbyName);

    // The form checks the code before anything is sent: 19 digits are refused …
    await deviceDialog.getByTestId('device-code').fill(lobbyCode.slice(0, 19));
    await expect(deviceDialog.locator('.ant-form-item-explain-error')).toContainText('应为 20 位数字（当前 19 位）');
    // … 20 digits are read back as division and type.
    await deviceDialog.getByTestId('device-code').fill(lobbyCode);
    await expect(deviceDialog.locator('.ant-form-item-explain-error')).toHaveCount(0);
    await expect(deviceDialog).toContainText('行政区划 440106 · 类型编码 131');

    await pickSelectOptionSettled(page, 'device-placement', '公共区域');
    await expect(deviceDialog.getByTestId('privacy-inline-warning')).toHaveCount(0);
    await deviceDialog.getByTestId('device-signage').click(); // art. 7: public-area capture is signposted
    await expect(deviceDialog.getByTestId('device-signage')).toBeChecked();
    await deviceDialog.getByTestId('device-submit').click();

    // Recorded straight away: no art. 10 confirmation for a public area.
    await expect(deviceDialog).toBeHidden();
    await expect(privacyDialog).toHaveCount(0);
    await expect(deviceRows).toHaveCount(1);
    const lobby = page.locator('[data-testid="device-row"][data-placement="public_area"]');
    await expect(lobby).toContainText(lobbyName);
    await expect(lobby).toContainText(lobbyCode);
    await expect(art10).toHaveCount(0);
  });

  // ── a camera in the changing room ────────────────────────────────────────────────────────────
  let changingId = '';
  await test.step('adds a camera in a changing room: warned by art. 10, confirmed, a finding opens', async () => {
    await page.getByTestId(`device-add-${systemId}`).click();
    await expect(deviceDialog).toBeVisible();
    await settleAnimations(page);
    await deviceDialog.getByTestId('device-name').fill(changingName);
    await deviceDialog.getByTestId('device-code').fill(changingCode);
    await pickSelectOptionSettled(page, 'device-placement', '隐私场所');
    // The form already says what art. 10 forbids …
    await expect(deviceDialog.getByTestId('privacy-inline-warning')).toContainText('第十条');
    await pickSelectOptionSettled(page, 'device-privacy-kind', '更衣室');
    await deviceDialog.getByTestId('device-submit').click();

    // … and asks before recording: the warning cites art. 10 and the place.
    const warning = page.getByTestId('privacy-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toHaveAttribute('data-article', '10');
    await expect(warning).toContainText('依据《办法》第十条');
    await expect(warning).toContainText('隐私场所 · 更衣室');
    await expect(warning).toContainText('第三十二条');
    await settleAnimations(page);

    // Cancelling records nothing and leaves the form as it was.
    await page.getByTestId('privacy-cancel').click();
    await expect(privacyDialog).toBeHidden();
    await expect(deviceDialog).toBeVisible();
    await expect(deviceDialog.getByTestId('device-name')).toHaveValue(changingName);
    await expect(deviceRows).toHaveCount(1);

    // Submitting again and confirming records it.
    await deviceDialog.getByTestId('device-submit').click();
    await expect(warning).toBeVisible();
    await settleAnimations(page);
    await page.getByTestId('privacy-confirm').click();
    await expect(privacyDialog).toBeHidden();
    await expect(deviceDialog).toBeHidden();

    await expect(deviceRows).toHaveCount(2);
    const changing = page.locator('[data-testid="device-row"][data-placement="privacy"]');
    await expect(changing).toContainText(changingName);
    await expect(changing).toContainText('隐私场所 · 更衣室');
    changingId = (await changing.getAttribute('data-device-id'))!;
    expect(changingId).toBeTruthy();

    // The finding is on the site page, about that camera, citing art. 10 and its penalty art. 32.
    await expect(art10).toHaveCount(1);
    await expect(art10).toHaveAttribute('data-subject-id', changingId);
    await expect(art10).toContainText(changingName);
    // (Citations of a finding use Arabic numerals, as src/web/i18n/article.ts writes them.)
    await expect(art10).toContainText('依据《办法》第10条');
    await expect(art10).toContainText('罚则条款: 《办法》第32条');

    // It is the server's finding, not the page's: it is still there after a reload.
    await page.reload();
    await expect(page.getByTestId('site-title')).toHaveText(siteName);
    await expect(art10).toHaveCount(1);
    await expect(art10).toHaveAttribute('data-subject-id', changingId);
    await signOutSettled(page);
  });

  // ── the Tianhe police see it ─────────────────────────────────────────────────────────────────
  await test.step('gz.tianhe.officer sees the art. 10 finding in its jurisdiction', async () => {
    await signIn(page, 'gz.tianhe.officer', DEMO_PASSWORD, /\/officer\/queue/);
    const unfiltered = findingsListed(page);
    await page.goto('/registry/findings');
    await unfiltered;
    const filtered = findingsListed(page, (q) => q.get('article') === '10');
    await pickSelectOptionSettled(page, 'findings-filter-article', '第10条 · ');
    await expect(page).toHaveURL(/[?&]article=10(&|$)/);
    const listed = await listedSiteIds(await filtered);
    expect(listed.siteIds).toContain(siteId);
    expect(new Set(listed.articles)).toEqual(new Set(['10']));

    const row = page.locator(`[data-testid="finding-row"][data-site-id="${siteId}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-article', '10');
    await expect(row.getByTestId('finding-site')).toHaveText(siteName);
    await expect(row).toContainText('天河区');
    await expect(row).toContainText('未整改');
    // The art. 10 count card counts it.
    await expect(page.locator('[data-testid="findings-count"][data-article="10"] .ant-statistic-content-value')).not.toHaveText('0');

    // The officer can open the site and sees the same finding there.
    await row.getByTestId('finding-site').click();
    await expect(page).toHaveURL(new RegExp(`/registry/sites/${siteId}$`));
    await expect(page.getByTestId('site-title')).toHaveText(siteName);
    await expect(art10).toHaveAttribute('data-subject-id', changingId);
    await signOutSettled(page);
  });

  // ── the Shenzhen bureau does not ─────────────────────────────────────────────────────────────
  await test.step('sz.officer does not see it', async () => {
    await signIn(page, 'sz.officer', DEMO_PASSWORD, /\/officer\/queue/);
    // Its own city's findings are listed (the demo gold shop in Nanshan) …
    const all = findingsListed(page, (q) => !q.has('article'));
    await page.goto('/registry/findings');
    const everything = await listedSiteIds(await all);
    expect(everything.total).toBeGreaterThan(0);
    await expect(page.getByTestId('finding-row').first()).toBeVisible();
    expect(everything.siteIds).not.toContain(siteId);
    await expect(page.locator(`[data-testid="finding-row"][data-site-id="${siteId}"]`)).toHaveCount(0);

    // … the Tianhe bank's are not, filtered by art. 10 either.
    const art10Only = findingsListed(page, (q) => q.get('article') === '10');
    await pickSelectOptionSettled(page, 'findings-filter-article', '第10条 · ');
    expect((await listedSiteIds(await art10Only)).siteIds).not.toContain(siteId);
    await expect(page.locator(`[data-testid="finding-row"][data-site-id="${siteId}"]`)).toHaveCount(0);
    await expect(page.getByTestId('findings-table')).not.toContainText(siteName);

    // Opening the site by its address reveals nothing (404: it "does not exist" for Shenzhen).
    const detail = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/registry/sites/${siteId}`);
    await page.goto(`/registry/sites/${encodeURIComponent(siteId)}`);
    expect((await detail).status()).toBe(404);
    await expect(page.getByText('场所不存在或无权查看')).toBeVisible();
    await expect(page.getByText(siteName)).toHaveCount(0);
    await signOutSettled(page);
  });

  // ── removing the camera resolves it ──────────────────────────────────────────────────────────
  await test.step('unit.a removes the changing-room camera and the finding is resolved', async () => {
    await signIn(page, 'unit.a', DEMO_PASSWORD, /\/registry\/sites$/);
    await page.goto(`/registry/sites/${encodeURIComponent(siteId)}`);
    await expect(page.getByTestId('site-title')).toHaveText(siteName);
    await expect(art10).toHaveCount(1);

    await waitForPageIdle(page);
    await page.getByTestId(`device-remove-${changingId}`).click();
    const confirm = page.getByTestId('device-remove-confirm');
    await expect(confirm).toBeVisible();
    await settleAnimations(page);
    await confirm.click();
    await expect(confirm).toBeHidden();

    await expect(page.locator(`[data-testid="device-row"][data-device-id="${changingId}"]`)).toHaveCount(0);
    await expect(deviceRows).toHaveCount(1);
    await expect(page.locator('[data-testid="device-row"][data-placement="public_area"]')).toContainText(lobbyName);
    await expect(art10).toHaveCount(0);

    // Resolved on the server too: gone after a reload, and listed among the resolved findings.
    await page.reload();
    await expect(page.getByTestId('site-title')).toHaveText(siteName);
    await expect(deviceRows).toHaveCount(1);
    await expect(art10).toHaveCount(0);

    const open = findingsListed(page, (q) => q.get('article') === '10' && q.get('status') === 'open');
    await page.goto('/registry/findings?article=10&status=open');
    expect((await listedSiteIds(await open)).siteIds).not.toContain(siteId);
    await expect(page.locator(`[data-testid="finding-row"][data-site-id="${siteId}"]`)).toHaveCount(0);

    const resolved = findingsListed(page, (q) => q.get('article') === '10' && q.get('status') === 'resolved');
    await page.goto('/registry/findings?article=10&status=resolved');
    expect((await listedSiteIds(await resolved)).siteIds).toContain(siteId);
    const row = page.locator(`[data-testid="finding-row"][data-site-id="${siteId}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('已整改');
  });
});
