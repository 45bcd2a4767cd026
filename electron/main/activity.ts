/**
 * What the clerk was doing: the bridge calls in flight and the last few that finished, so a crash log
 * says "sk.apply was running" rather than only a stack trace. Names only, never inputs (they hold NIKs).
 */
export class Activity {
  private readonly running = new Map<string, number>();
  private readonly recent: string[] = [];

  constructor(private readonly keepRecent = 10) {}

  async track<T>(name: string, call: () => Promise<T>): Promise<T> {
    this.running.set(name, (this.running.get(name) ?? 0) + 1);
    try {
      return await call();
    } finally {
      const n = (this.running.get(name) ?? 1) - 1;
      if (n > 0) this.running.set(name, n);
      else this.running.delete(name);
      this.recent.push(name);
      if (this.recent.length > this.keepRecent) this.recent.shift();
    }
  }

  inFlight(): string[] {
    return [...this.running.keys()];
  }

  /** One line for a crash log. */
  describe(): string {
    const running = this.inFlight();
    return `berjalan: ${running.length ? running.join(', ') : '(tidak ada)'}; terakhir: ${this.recent.length ? this.recent.join(', ') : '(tidak ada)'}`;
  }
}
