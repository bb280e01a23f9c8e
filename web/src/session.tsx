import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  api,
  ApiError,
  setCsrfToken,
  setSessionLostHandler,
  type LoginOptions,
  type Municipality,
  type Role,
  type Session,
} from './api.ts';

/** Why the user is (no longer) logged in, for the message on the log-in page. */
export type LogoutReason = 'session-expired' | 'logged-out' | 'login-required' | null;

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: LogoutReason }
  | { status: 'authenticated'; session: Session };

interface SessionContextValue {
  state: SessionState;
  municipalities: Municipality[];
  /** null until loaded (or when the server could not say). */
  loginOptions: LoginOptions | null;
  municipalityName(code: string): string;
  loggedIn(session: Session): void;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [loginOptions, setLoginOptions] = useState<LoginOptions | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .session()
      .then(({ data }) => {
        if (cancelled) return;
        setCsrfToken(data.csrfToken);
        setState({ status: 'authenticated', session: data });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const expired = error instanceof ApiError && error.code === 'session-expired';
        setState({ status: 'anonymous', reason: expired ? 'session-expired' : null });
      });
    api
      .municipalities()
      .then(({ data }) => {
        if (!cancelled) setMunicipalities(data.items);
      })
      .catch(() => {
        // The log-in page then asks no municipality and the server uses its default.
      });
    api
      .loginOptions()
      .then(({ data }) => {
        if (!cancelled) setLoginOptions(data);
      })
      .catch(() => {
        // Without the options the log-in page offers only username and password.
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    setSessionLostHandler((code) => {
      setCsrfToken(null);
      setState((current) =>
        current.status === 'authenticated'
          ? { status: 'anonymous', reason: code === 'session-expired' ? 'session-expired' : 'login-required' }
          : current,
      );
    });
    return () => setSessionLostHandler(null);
  }, []);

  const loggedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'authenticated', session });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Already gone on the server; log out here anyway.
    }
    setCsrfToken(null);
    setState({ status: 'anonymous', reason: 'logged-out' });
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      municipalities,
      loginOptions,
      municipalityName: (code) => municipalities.find((m) => m.code === code)?.name ?? code,
      loggedIn,
      logout,
      hasRole: (...roles) =>
        state.status === 'authenticated' &&
        state.session.roles.some((assignment) => roles.includes(assignment.role)),
    }),
    [state, municipalities, loginOptions, loggedIn, logout],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in session; only for pages that are shown to logged-in users. */
export function useCurrentSession(): Session {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentSession without a session');
  return state.session;
}
