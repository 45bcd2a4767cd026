import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionStatusDto } from '../../../shared/contract/security-calls';
import { asBridgeError, BridgeError, type Bridge } from '../bridge';
import { BridgeProvider, useBridge } from '../bridge-context';
import { Notice } from '../components/Notice';
import { ChangePasswordScreen, LockScreen, LoginScreen, SetupScreen } from '../pages/security/AuthScreens';
import { watchActivity } from './activity';
import { SessionContext, type Session } from './session-context';
import '../styles/security.css';

// The hooks live beside the context; screens keep importing them from here.
export { useCan, useSession, useSessionMaybe } from './session-context';

/** How often the screen asks whether the core has locked the session (the core decides, by its clock). */
const POLL_MS = 20_000;

/**
 * The app behind a signed-in session: first run creates the administrator, then sign-in, a forced
 * password change after a temporary password, and the lock screen after inactivity. The app stays
 * mounted under the lock screen (hidden), so a half-filled form survives an unlock.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const [status, setStatus] = useState<SessionStatusDto | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const refresh = useCallback(
    () =>
      bridge.call('auth.status', {}).then(
        (st) => {
          setStatus(st);
          setError(null);
        },
        (e: unknown) => setError(asBridgeError(e)),
      ),
    [bridge],
  );

  useEffect(() => {
    const ask = () => void refresh();
    const first = setTimeout(ask, 0);
    const timer = setInterval(ask, POLL_MS);
    window.addEventListener('focus', ask);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      window.removeEventListener('focus', ask);
    };
  }, [refresh]);

  // Typing, clicking and scrolling keep the session open (at most one call a minute), not only bridge
  // calls: a clerk filling in a long form is not idle. Only while signed in and unlocked.
  const active = Boolean(status?.user && !status.locked);
  useEffect(() => {
    if (!active) return;
    return watchActivity(window, () => {
      bridge.call('auth.touch', {}).then(
        () => undefined, // still signed in and unlocked: nothing changes on screen
        (e: unknown) => {
          if (e instanceof BridgeError && (e.code === 'LOCKED' || e.code === 'AUTH_REQUIRED')) void refresh();
        },
      );
    });
  }, [active, bridge, refresh]);

  // Pages get a bridge that notices a refusal for a locked or ended session and shows the right screen.
  const guarded = useMemo<Bridge>(
    () => ({
      call: async (name, input) => {
        try {
          return await bridge.call(name, input);
        } catch (e) {
          if (e instanceof BridgeError && (e.code === 'LOCKED' || e.code === 'AUTH_REQUIRED' || e.code === 'PASSWORD_CHANGE_REQUIRED')) void refresh();
          throw e;
        }
      },
      onProgress: (l) => bridge.onProgress(l),
    }),
    [bridge, refresh],
  );

  const session = useMemo<Session | null>(() => (status ? { status, refresh, set: setStatus } : null), [status, refresh]);

  if (!session) {
    if (error) {
      return (
        <div className="startup">
          <Notice tone="danger" title="Sigap tidak dapat dibuka">
            {error.message}
          </Notice>
        </div>
      );
    }
    return <div className="startup" role="status">Membuka Sigap…</div>;
  }
  const s = session.status;
  let screen: ReactNode = null;
  if (s.needsSetup) screen = <SetupScreen />;
  else if (!s.user) screen = <LoginScreen />;
  else if (s.locked) screen = <LockScreen />;
  else if (s.user.mustChangePassword) screen = <ChangePasswordScreen />;
  return (
    <SessionContext.Provider value={session}>
      {screen}
      {/* The app is mounted only for a signed-in user with a password of their own (the core refuses
          every other call until a temporary one is changed), and kept (hidden) while the session is locked. */}
      {s.user && !s.needsSetup && !s.user.mustChangePassword ? (
        <div className="session-app" hidden={screen !== null} aria-hidden={screen !== null || undefined}>
          <BridgeProvider bridge={guarded}>{children}</BridgeProvider>
        </div>
      ) : null}
    </SessionContext.Provider>
  );
}
