import { resolve } from 'node:path';
import { AppError } from './http/errors.js';

/** Every setting Jifang reads from the environment. The README's settings table mirrors this. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Holds the SQLite file and stored documents. */
  readonly dataDir: string;
  /** Built web app to serve; default `dist/web` in the package. */
  readonly webDir: string | null;
  /** postgres://… selects PostgreSQL; unset means SQLite at `${dataDir}/jifang.db`. */
  readonly databaseUrl: string | null;
  /** Password for demo accounts; when unset a random one is generated and printed once. */
  readonly demoPassword: string | null;
  /** Public base URL, printed in certificate QR codes. */
  readonly publicUrl: string;
  /** Secure cookies (`__Host-` prefix): on when served over HTTPS. */
  readonly secureCookies: boolean;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  /** Ledger hash algorithm for new entries (recorded per entry). */
  readonly ledgerHash: 'sm3' | 'sha256';
  /** Application log level (never personal data). */
  readonly logLevel: string;
  /** Uploaded documents, outside the web root, under generated names. Default `${dataDir}/files`. */
  readonly filesDir: string;
  /** Largest accepted upload (bytes). */
  readonly documentMaxBytes: number;
  /** Keys (ledger signing, personal-data encryption) when not supplied by an HSM. Default `${dataDir}/keys`. */
  readonly keysDir: string;
  /** Art. 17: the scheme review period and whether it counts working (default, 行政许可法82) or calendar days. */
  readonly schemeReviewDays: number;
  readonly schemeReviewDayKind: 'working' | 'calendar';
  /** Art. 19/41: period for the acceptance decision (working days; the province may set another). */
  readonly acceptanceDecisionDays: number;
  /** GA/T 75 scale classes by investment (yuan): class 1 at or above the first, class 2 at or above the second. */
  readonly scaleClass1Yuan: number;
  readonly scaleClass2Yuan: number;
  /** Signature algorithm for ledger checkpoints and access grants (recorded with every signature). */
  readonly signingAlg: 'sm2' | 'ed25519';
  /** A signed ledger checkpoint every this many entries, and every this many seconds when entries were added. */
  readonly checkpointEvery: number;
  readonly checkpointSeconds: number;
  /** Names this ledger in its checkpoints (first line); unique per deployment. */
  readonly ledgerOrigin: string;
  /**
   * Complaints and reports (art. 30): decide whether to accept within N days of receipt, handle within M days of
   * acceptance (信访工作条例 arts. 22, 32: 15 and 60 days), counted as `complaintDayKind`; public submissions per
   * source address per hour (an in-memory limit on the public form).
   */
  readonly complaintAckDays: number;
  readonly complaintHandleDays: number;
  readonly complaintDayKind: 'working' | 'calendar';
  readonly complaintSubmissionsPerHour: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('CONFIG_INVALID', `${name} must be an integer between ${min} and ${max}`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new AppError('CONFIG_INVALID', `${name} must be true or false`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new AppError('CONFIG_INVALID', `${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

// A checkpoint's first line: printable, no spaces or newlines (the checkpoint format is line-based).
function ledgerOrigin(env: Env): string {
  const origin = env.JIFANG_LEDGER_ORIGIN || 'jifang/ledger';
  if (!/^[\x21-\x7e]{1,200}$/.test(origin)) throw new AppError('CONFIG_INVALID', 'JIFANG_LEDGER_ORIGIN must be printable ASCII without spaces');
  return origin;
}

/** Parsed once at start-up and frozen; defaults need no `.env`. */
export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new AppError('CONFIG_INVALID', 'DATABASE_URL must start with postgres:// (SQLite is the default when unset)');
  }
  const ledgerHash = (env.JIFANG_LEDGER_HASH ?? 'sm3') as Config['ledgerHash'];
  if (ledgerHash !== 'sm3' && ledgerHash !== 'sha256') {
    throw new AppError('CONFIG_INVALID', 'JIFANG_LEDGER_HASH must be sm3 or sha256');
  }
  const demoPassword = env.JIFANG_DEMO_PASSWORD || null;
  if (demoPassword !== null && demoPassword.length < 8) {
    throw new AppError('CONFIG_INVALID', 'JIFANG_DEMO_PASSWORD must be at least 8 characters');
  }
  const dataDir = resolve(env.JIFANG_DATA_DIR || './data');
  const schemeReviewDayKind = (env.JIFANG_SCHEME_REVIEW_DAY_KIND || 'working') as Config['schemeReviewDayKind'];
  if (schemeReviewDayKind !== 'working' && schemeReviewDayKind !== 'calendar') {
    throw new AppError('CONFIG_INVALID', 'JIFANG_SCHEME_REVIEW_DAY_KIND must be working or calendar');
  }
  const scaleClass1Yuan = int(env, 'JIFANG_SCALE_CLASS1_YUAN', 1_000_000, 1, 1e12);
  const scaleClass2Yuan = int(env, 'JIFANG_SCALE_CLASS2_YUAN', 300_000, 1, 1e12);
  if (scaleClass2Yuan >= scaleClass1Yuan) {
    throw new AppError('CONFIG_INVALID', 'JIFANG_SCALE_CLASS2_YUAN must be below JIFANG_SCALE_CLASS1_YUAN');
  }
  return Object.freeze({
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl,
    webDir: env.JIFANG_WEB_DIR ? resolve(env.JIFANG_WEB_DIR) : null,
    demoPassword,
    publicUrl: (env.JIFANG_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secureCookies: bool(env, 'JIFANG_SECURE_COOKIES', false),
    sessionIdleMinutes: int(env, 'JIFANG_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'JIFANG_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    lockoutThreshold: int(env, 'JIFANG_LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutMinutes: int(env, 'JIFANG_LOCKOUT_MINUTES', 30, 1, 24 * 60),
    ledgerHash,
    logLevel: env.LOG_LEVEL || 'info',
    filesDir: resolve(env.JIFANG_FILES_DIR || `${dataDir}/files`),
    documentMaxBytes: int(env, 'JIFANG_DOCUMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    keysDir: resolve(env.JIFANG_KEYS_DIR || `${dataDir}/keys`),
    schemeReviewDays: int(env, 'JIFANG_SCHEME_REVIEW_DAYS', 15, 1, 365),
    schemeReviewDayKind,
    acceptanceDecisionDays: int(env, 'JIFANG_ACCEPTANCE_DECISION_DAYS', 20, 1, 365),
    scaleClass1Yuan,
    scaleClass2Yuan,
    signingAlg: oneOf(env, 'JIFANG_SIGNING_ALG', ['sm2', 'ed25519'] as const, 'sm2'),
    checkpointEvery: int(env, 'JIFANG_CHECKPOINT_EVERY', 1000, 1, 1_000_000_000),
    checkpointSeconds: int(env, 'JIFANG_CHECKPOINT_SECONDS', 60, 1, 24 * 3600),
    ledgerOrigin: ledgerOrigin(env),
    complaintAckDays: int(env, 'JIFANG_COMPLAINT_ACK_DAYS', 15, 1, 365),
    complaintHandleDays: int(env, 'JIFANG_COMPLAINT_HANDLE_DAYS', 60, 1, 365),
    complaintDayKind: oneOf(env, 'JIFANG_COMPLAINT_DAY_KIND', ['working', 'calendar'] as const, 'calendar'),
    complaintSubmissionsPerHour: int(env, 'JIFANG_COMPLAINT_SUBMISSIONS_PER_HOUR', 5, 1, 100_000),
  });
}
