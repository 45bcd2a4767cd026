/** A `yyyy-mm` month kept as text, as on SQLite. */
export const MONTH = `~ '^[0-9]{4}-[01][0-9]$'`;
