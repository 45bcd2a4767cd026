/**
 * Which automatic backups to keep: the newest of each of the last `daily` days, of the last `weekly`
 * ISO weeks and of the last `monthly` months that have a backup. Everything else may be deleted.
 */
export interface RetentionRule {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionRule = { daily: 7, weekly: 4, monthly: 12 };

export interface Dated {
  name: string;
  /** ISO date-time of the backup. */
  at: string;
}

function isoWeek(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - day + 3); // Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function toKeep(backups: Dated[], rule: RetentionRule = DEFAULT_RETENTION): Set<string> {
  const newestFirst = [...backups].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const keep = new Set<string>();
  const pick = (bucket: (at: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const k = bucket(b.at);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.name);
    }
  };
  pick((at) => at.slice(0, 10), rule.daily);
  pick(isoWeek, rule.weekly);
  pick((at) => at.slice(0, 7), rule.monthly);
  return keep;
}
