// Typed fetch wrapper for the platform's HTTP API: JSON in and out, the session cookie sent
// same-origin, the CSRF token on every state-changing request, and problem-JSON errors turned
// into ApiError.

/** Problem JSON (RFC 9457) as the server sends it; `article` names the rule of the Measures that refused. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  article?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly article?: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.article = problem.article;
    this.problem = problem;
  }
}

// Module state: one session per tab, set by the session provider after login or /me.
let csrfToken: string | null = null;
let acceptLanguage = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The server answers problem details in this language. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

/** Called when an authenticated call comes back 401 (the session expired or was ended elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Do not run the global 401 handler (login and /me expect 401 as a normal answer). */
  quiet401?: boolean;
  /** Send `body` (a file) as it is with this media type instead of as JSON. */
  rawContentType?: string;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return new ApiError({
        type: body.type ?? 'about:blank',
        title: body.title ?? res.statusText,
        status: body.status ?? res.status,
        code: body.code ?? `HTTP_${res.status}`,
        detail: body.detail ?? body.title ?? res.statusText,
        ...body,
      } as Problem);
    } catch {
      // fall through to a generic error
    }
  }
  return new ApiError({
    type: 'about:blank',
    title: res.statusText,
    status: res.status,
    code: res.status === 0 ? 'NETWORK' : `HTTP_${res.status}`,
    detail: res.statusText || `HTTP ${res.status}`,
  });
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
  const raw = opts.rawContentType !== undefined;
  if (body !== undefined) headers['content-type'] = raw ? opts.rawContentType || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK', detail: (err as Error).message });
  }

  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body: unknown = {}, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
  /** A file as the request body, with its own media type (imports). */
  upload: <T>(path: string, file: Blob, contentType: string, opts?: RequestOptions) =>
    request<T>('POST', path, file, { ...opts, rawContentType: contentType }),
};
