/**
 * Sign-in throttling per network address, on top of the core's per-account throttling
 * (core/auth/throttle.ts): one machine trying many accounts is slowed even though no single account
 * sees enough failures. Kept in memory: a restart forgets it, which only an administrator can cause.
 */
export const ADDRESS_FAILURES = 10;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
const TRACKED = 10_000;

export class AddressThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = ADDRESS_FAILURES,
    private readonly windowMs = ADDRESS_WINDOW_MS,
  ) {}

  private recent(address: string, now: number): number[] {
    const list = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }

  /** Minutes until this address may try again, or 0 when it may now. */
  waitMinutes(address: string, now: number): number {
    const list = this.recent(address, now);
    if (list.length < this.limit) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.limit]! + this.windowMs - now) / 60_000));
  }

  failed(address: string, now: number): void {
    const list = this.recent(address, now);
    list.push(now);
    this.failures.set(address, list);
    // Bounded memory: a flood from many addresses forgets the oldest first.
    if (this.failures.size > TRACKED) this.failures.delete(this.failures.keys().next().value!);
  }
}
