import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { FULL_REGISTER_ROLES } from '../../domain/roles.js';
import { api, setCsrfToken } from './api.js';

export interface User {
  readonly username: string;
  readonly fullNameFa: string;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
}

interface SessionAnswer {
  readonly user: User;
  readonly csrfToken: string;
}

interface SessionState {
  /** undefined while the session is being read; null when nobody is signed in. */
  readonly user: User | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(everywhere?: boolean): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const accept = useCallback((answer: SessionAnswer | null) => {
    setCsrfToken(answer?.csrfToken ?? null);
    setUser(answer?.user ?? null);
  }, []);

  useEffect(() => {
    // Not signed in (401) or the server unreachable: either way the sign-in page is what to show.
    api.get<SessionAnswer>('/session').then(accept, () => accept(null));
  }, [accept]);

  const signIn = useCallback(
    async (username: string, password: string) =>
      accept(await api.post<SessionAnswer>('/session', { username, password })),
    [accept],
  );
  const signOut = useCallback(
    async (everywhere = false) => {
      await api.delete(everywhere ? '/sessions' : '/session').catch(() => undefined);
      accept(null);
    },
    [accept],
  );

  return <SessionContext.Provider value={{ user, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** Who sees the register link: the roles that see every complaint, and unit managers (their unit's). */
const REGISTER_ROLES: readonly string[] = [...FULL_REGISTER_ROLES, 'unit-manager'];

export function seesRegister(user: User): boolean {
  return user.roles.some((role) => REGISTER_ROLES.includes(role));
}

export function isAdministrator(user: User): boolean {
  return user.roles.includes('administrator');
}
