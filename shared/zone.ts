/**
 * Indonesia's three time zones. Audit times, "today" and printed timestamps are the Pemda's own wall
 * clock, so a Pemda in Makassar (WITA) or Jayapura (WIT) does not see times an hour or two early.
 * Indonesia keeps no daylight saving time, so a zone is a fixed offset.
 */
export const ZONES = ['WIB', 'WITA', 'WIT'] as const;
export type OfficeZone = (typeof ZONES)[number];

export const ZONE_LABELS: Record<OfficeZone, string> = { WIB: 'WIB (UTC+7)', WITA: 'WITA (UTC+8)', WIT: 'WIT (UTC+9)' };

/** Where each zone is kept, for the clerk choosing one. */
export const ZONE_REGIONS: Record<OfficeZone, string> = {
  WIB: 'Sumatera, Jawa, Kalimantan Barat dan Tengah',
  WITA: 'Bali, Nusa Tenggara, Kalimantan Selatan, Timur dan Utara, Sulawesi',
  WIT: 'Maluku dan Papua',
};

const OFFSET_HOURS: Record<OfficeZone, number> = { WIB: 7, WITA: 8, WIT: 9 };

export function isZone(v: unknown): v is OfficeZone {
  return typeof v === 'string' && (ZONES as readonly string[]).includes(v);
}

export function zoneOffsetMs(zone: OfficeZone): number {
  return OFFSET_HOURS[zone] * 3600_000;
}

/** The zone's wall clock for an instant, as an ISO string without zone (`2026-01-02T10:05:00.000`). */
export function wallClock(at: Date | string, zone: OfficeZone): string {
  const ms = (typeof at === 'string' ? new Date(at) : at).getTime();
  return new Date(ms + zoneOffsetMs(zone)).toISOString().slice(0, 23);
}

/** The zone's calendar date of an instant. */
export function zoneDate(at: Date | string, zone: OfficeZone): string {
  return wallClock(at, zone).slice(0, 10);
}
