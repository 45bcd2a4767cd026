/** The private values of a person that private-text.ts keeps out of free text for finance and viewer. */
import { sql } from './store/sql';
import type { Queries } from './store/store';

export interface PrivateValues {
  address: string | null;
  phone: string | null;
  motherName: string | null;
  birthDate: string | null;
}

export function personPrivateValues(q: Queries, personId: number): Promise<PrivateValues | undefined> {
  return q.one<PrivateValues>(sql`SELECT address, phone, mother_name AS "motherName", birth_date AS "birthDate" FROM person WHERE id = ${personId}`);
}
