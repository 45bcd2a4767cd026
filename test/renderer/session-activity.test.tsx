import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BridgeProvider } from '../../renderer/src/bridge-context';
import { SessionGate } from '../../renderer/src/session/session';
import { TOUCH_EVERY_MS } from '../../renderer/src/session/activity';
import type { SessionStatusDto } from '../../shared/contract/security-calls';
import { fakeBridge } from './fake-bridge';

const signedIn = (over: Partial<NonNullable<SessionStatusDto['user']>> = {}): SessionStatusDto => ({
  needsSetup: false,
  user: { id: 1, username: 'siti', displayName: 'Siti', role: 'hr', mustChangePassword: false, ...over },
  locked: false,
  lockMinutes: 15,
  seesIdentity: true,
});

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-10T03:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function mount(status: () => SessionStatusDto) {
  const bridge = fakeBridge({ 'auth.status': status, 'auth.touch': status });
  render(
    <BridgeProvider bridge={bridge}>
      <SessionGate>
        <label>
          Uraian <textarea />
        </label>
      </SessionGate>
    </BridgeProvider>,
  );
  await act(async () => {
    await vi.advanceTimersByTimeAsync(1); // the first auth.status
  });
  return bridge;
}

const touches = (b: { calls: { name: string }[] }) => b.calls.filter((c) => c.name === 'auth.touch').length;

describe('activity keeps the session open', () => {
  it('calls auth.touch at most once a minute while the clerk types, clicks or scrolls, and never when idle', async () => {
    const b = await mount(() => signedIn());
    const field = screen.getByLabelText('Uraian');
    // Idle for ten minutes: only the status polls, no touch.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10 * 60_000);
    });
    expect(touches(b)).toBe(0);
    // Typing steadily for just under five minutes, a key every 200 ms: one touch per minute.
    for (let t = 0; t < 5 * 60_000 - 1000; t += 200) {
      fireEvent.keyDown(field, { key: 'a' });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(200);
      });
    }
    expect(touches(b)).toBe(5);
    // A click and a scroll right after count as the same minute's activity.
    fireEvent.pointerDown(field);
    fireEvent.scroll(window);
    expect(touches(b)).toBe(5);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(TOUCH_EVERY_MS);
    });
    fireEvent.wheel(field);
    expect(touches(b)).toBe(6);
    // Then idle again: nothing more.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30 * 60_000);
    });
    expect(touches(b)).toBe(6);
    expect(b.calls.every((c) => c.name === 'auth.status' || c.name === 'auth.touch')).toBe(true);
  });

  it('does not touch while the session is locked', async () => {
    const b = await mount(() => ({ ...signedIn(), locked: true }));
    expect(screen.getByText(/terkunci/i)).toBeTruthy();
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.pointerDown(window);
    expect(touches(b)).toBe(0);
  });

  it('keeps the app unmounted behind the forced password change', async () => {
    await mount(() => signedIn({ mustChangePassword: true }));
    expect(screen.queryByLabelText('Uraian')).toBeNull();
  });
});
