// The signed-in user and the CSRF token, restored from /api/auth/me when the app starts.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { fetchMe, login as apiLogin, logout as apiLogout } from '../api/endpoints';
import type { SessionUser } from '../api/types';

export type SessionState =
  | { status: 'loading'; user: null }
  /** `signedOut`: the user chose to sign out (as opposed to never having signed in, or a session that expired). */
  | { status: 'anonymous'; user: null; signedOut?: boolean }
  | { status: 'authenticated'; user: SessionUser };

export interface Session {
  state: SessionState;
  user: SessionUser | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading', user: null });

  const becomeAnonymous = useCallback((signedOut = false) => {
    setCsrfToken(null);
    setState({ status: 'anonymous', user: null, signedOut });
  }, []);

  useEffect(() => {
    let cancelled = false;
    fetchMe()
      .then((s) => {
        if (cancelled) return;
        setCsrfToken(s.csrfToken);
        setState({ status: 'authenticated', user: s.user });
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (!(err instanceof ApiError) || err.status !== 401) console.warn('session check failed', err);
        becomeAnonymous();
      });
    setUnauthenticatedHandler(() => becomeAnonymous());
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, [becomeAnonymous]);

  const login = useCallback(async (username: string, password: string) => {
    const s = await apiLogin(username, password);
    setCsrfToken(s.csrfToken);
    setState({ status: 'authenticated', user: s.user });
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      becomeAnonymous(true);
    }
  }, [becomeAnonymous]);

  const value = useMemo<Session>(() => ({ state, user: state.user, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
