/**
 * The signed-in session as the screens see it: the context and its hooks, apart from the gate that
 * provides it (session/session.tsx), so the sign-in screens the gate shows can use them without
 * an import loop.
 */
import { createContext, useContext } from 'react';
import type { SessionStatusDto } from '../../../shared/contract/security-calls';
import type { ChannelName } from '../../../shared/contract/index';
import { mayCall } from '../../../shared/roles';

export interface Session {
  status: SessionStatusDto;
  /** Asks the core again (after signing in or out, changing the password). */
  refresh: () => Promise<void>;
  set: (s: SessionStatusDto) => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The session, or null outside the gate (renderer unit tests render screens without one). */
export function useSessionMaybe(): Session | null {
  return useContext(SessionContext);
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionGate');
  return s;
}

/**
 * Whether the signed-in role may make a call, so screens hide what it cannot do. Only a courtesy: the
 * core checks every call again. Outside a session (renderer unit tests) everything is shown.
 */
export function useCan(call: ChannelName): boolean {
  const s = useContext(SessionContext);
  if (!s) return true;
  const role = s.status.user?.role;
  return role ? mayCall(role, call) : false;
}
