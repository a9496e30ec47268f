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
