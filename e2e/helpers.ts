// Shared steps of the journeys. Not a spec (the config matches *.spec.ts only).
import { expect, type APIRequestContext, type Page } from '@playwright/test';

// ---------------------------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015), implemented here independently of the app's own
// src/platform/identifiers/uscc.ts so that the journey is also a check of the form's validator.
// ---------------------------------------------------------------------------------------------
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheck(first17: string): string {
  if (first17.length !== 17) throw new Error(`need 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * A fresh, valid 18-character code for a company registered in `division` (6 digits): 9 (registered
 * by the market regulator) 1 (enterprise), the division, then 9 characters unique to this run and a
 * check character.
 */
export function freshUscc(division = '440106', seed: number = uniqueNumber()): string {
  let body = '';
  let n = seed;
  for (let i = 0; i < 9; i++) {
    body = USCC_CHARSET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${division}${body}`;
  return first17 + usccCheck(first17);
}

let counter = 0;
/** Unique per call within a run and across runs (time-based, plus a counter and some randomness). */
export function uniqueNumber(): number {
  counter += 1;
  return Date.now() * 1000 + counter * 37 + Math.floor(Math.random() * 37);
}

/** Short unique suffix for names and usernames. */
export function uniqueSuffix(): string {
  return uniqueNumber().toString(36);
}

// ---------------------------------------------------------------------------------------------
// Dates: the platform's calendar is Asia/Shanghai whatever the machine's time zone.
// ---------------------------------------------------------------------------------------------
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Last day of a certificate valid `years` from `from`: the eve of the anniversary (29 Feb → 28 Feb). */
export function validToFor(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number);
  const anniversary = new Date(Date.UTC(y + years, m - 1, d)); // 29 Feb in a common year rolls to 1 Mar
  return new Date(anniversary.getTime() - 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// UI steps
// ---------------------------------------------------------------------------------------------

export async function signIn(page: Page, username: string, password: string, expectedPath: RegExp): Promise<void> {
  if (!/\/login/.test(page.url())) await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(expectedPath);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('header-login')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
}

/** Opens an antd Select (by its test id) and picks the option with this label. */
export async function pickSelectOption(page: Page, selectTestId: string, label: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first();
  await option.click();
  await expect(page.getByTestId(selectTestId)).toContainText(label);
}

// ---------------------------------------------------------------------------------------------
// API steps (set-up only, for specs whose journey starts later)
// ---------------------------------------------------------------------------------------------

export interface SeededApplication {
  companyName: string;
  username: string;
  password: string;
  applicationId: string;
}

async function ok(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string) {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return res;
}

/**
 * Registers a company in `divisionCode` with its first user and files a level IV first application,
 * through the HTTP API (the same calls the web makes), and signs that user out again.
 */
export async function seedCompanyApplication(request: APIRequestContext, divisionCode: string, label: string): Promise<SeededApplication> {
  const suffix = uniqueSuffix();
  const companyName = `${label}${suffix}（E2E）`;
  const username = `e2e.${suffix}`;
  const password = `E2e-${suffix}-pw`;
  await ok(
    await request.post('/api/auth/register-company', {
      data: {
        company: { name: companyName, uscc: freshUscc(divisionCode), divisionCode, origin: 'guangdong' },
        user: { username, password, displayName: `${label}经办人` },
      },
    }),
    'register company',
  );
  const login = await ok(await request.post('/api/auth/login', { data: { username, password } }), 'sign in');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await ok(
    await request.post('/api/qualification/applications', {
      headers: { 'x-csrf-token': csrfToken },
      data: { kind: 'first', targetLevel: 'IV', materials: [{ name: '营业执照', ref: `E2E-${suffix}` }] },
    }),
    'apply',
  );
  const { id } = (await created.json()) as { id: string };
  await ok(await request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrfToken }, data: {} }), 'sign out');
  return { companyName, username, password, applicationId: id };
}

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

/**
 * A fresh, well-formed 20-digit GB/T 28181 device code registered in `division` (6 digits): the
 * division, then base unit (2), industry (2), the type code (131 = camera), network 0 and serial (6),
 * base unit, industry and serial together unique to this call (the registry refuses a code taken).
 */
export function freshDeviceCode(division = '440106', typeCode = '131', seed: number = uniqueNumber()): string {
  const d = String(seed % 10_000_000_000).padStart(10, '0');
  const code = `${division}${d.slice(0, 2)}${d.slice(2, 4)}${typeCode}0${d.slice(4)}`;
  if (!/^\d{20}$/.test(code)) throw new Error(`not a 20-digit code: ${code}`);
  return code;
}

/** Picks city › county in an antd Cascader (by its test id). */
export async function pickCascaderPath(page: Page, cascaderTestId: string, path: readonly string[]): Promise<void> {
  await page.getByTestId(cascaderTestId).click();
  for (const label of path) {
    const item = page.locator(`.ant-cascader-dropdown:visible .ant-cascader-menu-item[title="${label}"]`);
    await expect(item).toBeVisible();
    await settleAnimations(page);
    await item.click();
  }
  await expect(page.getByTestId(cascaderTestId)).toContainText(path[path.length - 1]);
  // changeOnSelect keeps the menu open after the last pick: close it so that it covers nothing.
  if (await page.locator('.ant-cascader-dropdown:visible').count()) await page.keyboard.press('Escape');
  await expect(page.locator('.ant-cascader-dropdown:visible')).toHaveCount(0);
}

/**
 * Waits until antd's popups and modals have stopped moving: none is still being placed or sliding in
 * (rc-motion's `ant-…-appear` / `ant-…-enter` classes, which a popup carries from its first, off-anchor
 * render until its entrance ends) and the finite CSS keyframe animations have finished. An option
 * clicked in that window can miss. Transitions (hover colours, the 2 s click wave) and endless
 * animations (spinners, skeletons) are not waited for.
 */
export async function settleAnimations(page: Page): Promise<void> {
  // The project's tsconfig has no DOM library: the browser side is typed by hand.
  type Anim = { playState: string; animationName?: string; finished: Promise<unknown>; effect: { getComputedTiming(): { iterations?: number } } | null };
  type Doc = { getAnimations(): Anim[]; querySelectorAll(s: string): ArrayLike<{ classList: ArrayLike<string> }> };
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const entering = /^ant-[\w-]+-(appear|enter)(-(prepare|start|active))?$/;
    for (const el of Array.from(doc.querySelectorAll('[class*="-appear"], [class*="-enter"]'))) {
      if (Array.from(el.classList).some((c) => entering.test(c))) return false;
    }
    return true;
  }, undefined, { polling: 'raf' });
  await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const finite = () => doc.getAnimations().filter((a) => a.playState === 'running' && typeof a.animationName === 'string' && a.effect?.getComputedTiming().iterations !== Infinity);
    for (let round = 0; round < 10; round++) {
      const running = finite();
      if (!running.length) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

/** pickSelectOption for a Select in a modal: the modal and the dropdown have stopped moving before each click. */
export async function pickSelectOptionSettled(page: Page, selectTestId: string, label: string): Promise<void> {
  await settleAnimations(page);
  await page.getByTestId(selectTestId).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first();
  await expect(option).toBeVisible();
  await settleAnimations(page);
  await option.click();
  await expect(page.getByTestId(selectTestId)).toContainText(label);
}

/**
 * Waits until the page has loaded what it shows (no spinner, skeleton or page loader), scrolls it to
 * the top and lets animations end, so that nothing moves under the next click.
 */
export async function waitForPageIdle(page: Page): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton, [data-testid="page-loading"]')).toHaveCount(0);
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await settleAnimations(page);
}

/**
 * signOut, waiting for the user menu's popup to stop moving before clicking "退出登录". The popup is
 * first rendered off its anchor, then aligned and slid in; a click in that window either lands beside
 * it or makes Playwright scroll the page to reach it, and the sign-out is silently missed (seen in
 * about one run in five).
 */
export async function signOutSettled(page: Page): Promise<void> {
  await waitForPageIdle(page);
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('logout')).toBeVisible();
  await settleAnimations(page);
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('header-login')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
}

/**
 * The page fits its window: nothing makes the document scroll sideways. Polled for a few seconds,
 * because antd's header menu first lays out every entry in one row and only then folds the ones that
 * do not fit into "…" — measuring in that first frame reports a width the user never sees.
 */
export async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  type El = { scrollWidth: number; clientWidth: number };
  const excess = () =>
    page.evaluate(() => {
      const el = (globalThis as unknown as { document: { scrollingElement: El } }).document.scrollingElement;
      return el.scrollWidth - el.clientWidth;
    });
  await expect.poll(excess, { message: `${what}: the page is wider than its window`, timeout: 5_000 }).toBeLessThanOrEqual(1);
}
