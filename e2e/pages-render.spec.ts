// Every page in every role's menu renders: for each demo account and the anonymous visitor, each
// menu entry (read from the rendered navigation, i.e. what src/web/layout/menu-items.ts gives the
// role) is opened in English and checked for a crash, uncaught errors, console errors, server 5xx,
// a missing heading and untranslated message keys. For the officers and unit.a the first record of
// each list is opened as well. One browser context (one test) per account; client-side navigation
// keeps the whole sweep fast.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';
import { settleAnimations } from './helpers.js';

interface Account {
  username: string | null;
  /** Open the first record of each list too (officers and unit.a, who have demo records). */
  details: boolean;
}

const ACCOUNTS: Account[] = [
  { username: 'gd.officer', details: true },
  { username: 'gd.admin2', details: true },
  { username: 'gz.officer', details: true },
  { username: 'gz.tianhe.officer', details: true },
  { username: 'gz.tianhe.chief', details: true },
  { username: 'sz.officer', details: true },
  { username: 'company.a', details: false },
  { username: 'company.b', details: false },
  { username: 'unit.a', details: true },
  { username: 'lab.a', details: false },
  { username: 'dept.a', details: false },
  { username: 'gd.supervisor', details: false },
  { username: null, details: false }, // the anonymous visitor
];

/**
 * Console errors that are not a fault of the page, each with its reason. Everything else the
 * browser logs as an error fails the sweep.
 */
const BENIGN_CONSOLE_ERRORS: { pattern: RegExp; reason: string }[] = [
  {
    // The session probe on start: a visitor without a session gets 401 from /api/auth/me, which the
    // app expects (it then shows the signed-out interface); Chromium logs every 4xx resource.
    pattern: /Failed to load resource: the server responded with a status of 401/,
    reason: 'anonymous session probe (GET /api/auth/me) answers 401 by design',
  },
];

/** A message key shown as text: what translate() returns when a key is in no dictionary. */
const RAW_KEY = /^[a-z]+(\.[a-zA-Z_]+)+$/;
/** …unless it is a file name (demo materials such as contracts.pdf are data)… */
const FILE_NAME = /\.(pdf|png|jpe?g|gif|docx?|xlsx?|csv|zip|txt|json|dwg)$/i;
/** …or a demo username (e.g. dept.a in the province's list of requesting departments). */
const USERNAMES = new Set(ACCOUNTS.map((a) => a.username).filter((u): u is string => !!u));

interface Watch {
  problems: string[];
  /** API requests sent and not yet answered. */
  inFlight: Set<object>;
  where: () => string;
}

function watch(page: Page): Watch {
  const w: Watch = { problems: [], inFlight: new Set(), where: () => new URL(page.url()).pathname };
  page.on('pageerror', (err) => w.problems.push(`${w.where()}: uncaught ${err.name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (BENIGN_CONSOLE_ERRORS.some((b) => b.pattern.test(text))) return;
    w.problems.push(`${w.where()}: console error: ${text.slice(0, 400)} (${msg.location().url})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500) w.problems.push(`${w.where()}: HTTP ${res.status()} from ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  const api = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (req) => {
    if (api(req.url())) w.inFlight.add(req);
  });
  page.on('requestfinished', (req) => w.inFlight.delete(req));
  page.on('requestfailed', (req) => w.inFlight.delete(req));
  return w;
}

/** Waits until the page has loaded what it shows: no API call pending, no spinner or skeleton. */
async function waitForLoaded(page: Page, w: Watch): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await expect.poll(() => w.inFlight.size, { timeout: 15_000, intervals: [25, 50] }).toBe(0);
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton, [data-testid="page-loading"]')).toHaveCount(0, { timeout: 15_000 });
  await settleAnimations(page);
}

/**
 * Client-side navigation (as a menu click does), without reloading the app. React Router renders
 * the new route in a transition, so the old page stays on screen until the new one's chunk has
 * loaded: the old page's elements are marked first, and the new page is there once none is left.
 */
async function navigate(page: Page, path: string): Promise<void> {
  const here = new URL(page.url());
  if (here.pathname + here.search === path) return; // already there (the landing page)
  type El = { setAttribute(n: string, v: string): void };
  type Doc = { querySelectorAll(s: string): ArrayLike<El> };
  await page.evaluate((to) => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    for (const el of Array.from(doc.querySelectorAll('.jf-page > *'))) el.setAttribute('data-stale-page', '');
    type Win = { history: { pushState(s: unknown, t: string, u: string): void }; dispatchEvent(e: unknown): boolean };
    const win = globalThis as unknown as Win & { PopStateEvent: new (type: string, init?: unknown) => unknown };
    win.history.pushState(null, '', to);
    win.dispatchEvent(new win.PopStateEvent('popstate', { state: null }));
  }, path);
  await expect(page).toHaveURL((url) => url.pathname + url.search === path);
  await expect(page.locator('.jf-page > [data-stale-page]')).toHaveCount(0, { timeout: 15_000 });
}

/**
 * The paths of the role's menu, from the menu's item keys (rc-menu's data-menu-id ends in the key).
 * A horizontal menu folds what does not fit into a "…" submenu whose items are not rendered, so the
 * menu is read in a window wide enough for all, and checked against the labels (one per entry).
 */
async function menuPaths(page: Page): Promise<string[]> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 6000, height: size?.height ?? 720 });
  try {
    await expect(page.locator('.jf-menu .ant-menu-overflow-item-rest:visible')).toHaveCount(0);
    const ids = await page.locator('.jf-menu li[data-menu-id]').evaluateAll((els) =>
      els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute('data-menu-id') ?? ''),
    );
    const paths = [...new Set(ids.map((id) => id.slice(id.indexOf('-/') + 1)).filter((p) => p.startsWith('/')))];
    const labels = new Set(
      await page.locator('.jf-menu [data-testid^="menu-"]').evaluateAll((els) =>
        els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute('data-testid')),
      ),
    );
    expect(paths.length, `menu keys ${paths.join(' ')} vs labels ${[...labels].join(' ')}`).toBe(labels.size);
    return paths;
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** Visible text nodes (and placeholders) that look like message keys. */
async function rawKeysShown(page: Page): Promise<string[]> {
  return page.evaluate(([source, fileSource]) => {
    const pattern = new RegExp(source);
    const fileName = new RegExp(fileSource, 'i');
    type El = { getClientRects(): ArrayLike<unknown>; closest(s: string): unknown; getAttribute(n: string): string | null };
    type Node = { nodeValue: string | null; parentElement: El | null };
    type Doc = {
      body: unknown;
      createTreeWalker(root: unknown, what: number): { nextNode(): Node | null };
      querySelectorAll(s: string): ArrayLike<El>;
    };
    const doc = (globalThis as unknown as { document: Doc }).document;
    const found: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.nodeValue ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || !pattern.test(text)) continue;
      if (el.closest('script, style, [aria-hidden="true"]') || el.getClientRects().length === 0) continue;
      found.push(text);
    }
    for (const el of Array.from(doc.querySelectorAll('[placeholder]'))) {
      const text = (el.getAttribute('placeholder') ?? '').trim();
      if (pattern.test(text) && el.getClientRects().length) found.push(`placeholder ${text}`);
    }
    return [...new Set(found)].filter((t) => !fileName.test(t));
  }, [RAW_KEY.source, FILE_NAME.source] as const).then((found) => found.filter((t) => !USERNAMES.has(t)));
}

/** The checks every page must pass; problems are collected, not thrown, so one run reports them all. */
async function checkPage(page: Page, w: Watch, label: string): Promise<void> {
  const path = w.where();
  try {
    await waitForLoaded(page, w);
  } catch {
    w.problems.push(`${path} (${label}): still loading after 15 s`);
  }
  // React Router's default error element ("Unexpected Application Error!") is what a crash shows;
  // the 403/404 results are what a menu entry must never lead to.
  if (await page.getByText(/Unexpected Application Error|Hey developer/).count()) {
    w.problems.push(`${path} (${label}): error page: ${(await page.locator('h2, h3').allInnerTexts()).join(' | ').slice(0, 300)}`);
    return;
  }
  for (const status of ['403', '404', '500', 'error']) {
    if (await page.locator(`.jf-page .ant-result-${status}`).count()) w.problems.push(`${path} (${label}): shows a ${status} result`);
  }
  const heading = page.locator('.jf-page').getByRole('heading').first();
  try {
    await expect(heading).toBeVisible({ timeout: 5_000 });
    await expect(heading).not.toHaveText(/^\s*$/, { timeout: 1_000 });
  } catch {
    w.problems.push(`${path} (${label}): no visible heading`);
  }
  for (const key of await rawKeysShown(page)) w.problems.push(`${path} (${label}): raw message key shown: ${key}`);
}

/** The first in-app link of the page's first table row, if any (a list's first record). */
async function firstRowLink(page: Page): Promise<string | null> {
  const links = await page
    .locator('.jf-page .ant-table-tbody tr.ant-table-row')
    .first()
    .locator('a[href^="/"]')
    .evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute('href') ?? ''));
  return links.find((href) => href && !href.startsWith('/api/')) ?? null;
}

for (const account of ACCOUNTS) {
  const name = account.username ?? 'anonymous visitor';
  test(`every menu page renders for ${name}`, async ({ page }) => {
    const w = watch(page);
    if (account.username) {
      await page.goto('/login');
      await page.getByTestId('login-username').fill(account.username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('user-menu')).toBeVisible();
      await expect(page).not.toHaveURL(/\/login/);
    } else {
      await page.goto('/');
      await expect(page.getByTestId('header-login')).toBeVisible();
    }
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    const paths = await menuPaths(page);
    expect(paths.length, 'the menu has entries').toBeGreaterThan(1);
    const visitedDetails = new Set<string>();
    for (const path of paths) {
      await navigate(page, path);
      await checkPage(page, w, 'menu');
      if (!account.details) continue;
      const detail = await firstRowLink(page);
      if (!detail || visitedDetails.has(detail)) continue;
      visitedDetails.add(detail);
      await navigate(page, detail);
      await checkPage(page, w, `first record of ${path}`);
    }
    test.info().annotations.push({ type: 'pages', description: `${paths.length} menu pages, ${visitedDetails.size} records: ${[...paths, ...visitedDetails].join(' ')}` });
    expect(w.problems, `problems seen by ${name}`).toEqual([]);
  });
}
