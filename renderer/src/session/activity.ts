/** Input events that mean someone is working at the screen (typing into a long form counts). */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'scroll', 'input'] as const;

/** At most one `auth.touch` per minute: the core's lock counts minutes, not keystrokes. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * Reports user activity to the core, throttled: the first event after a quiet `everyMs` calls `touch`
 * at once, later events within `everyMs` are dropped. No events, no calls, so an idle screen still locks.
 * Returns a function that removes the listeners.
 */
export function watchActivity(target: Pick<Window, 'addEventListener' | 'removeEventListener'>, touch: () => void, now: () => number = Date.now, everyMs = TOUCH_EVERY_MS): () => void {
  let last = -Infinity;
  const seen = () => {
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    touch();
  };
  // Capture, so scrolls inside a table and keys a field swallows count too.
  for (const e of ACTIVITY_EVENTS) target.addEventListener(e, seen, { capture: true, passive: true });
  return () => {
    for (const e of ACTIVITY_EVENTS) target.removeEventListener(e, seen, { capture: true });
  };
}
