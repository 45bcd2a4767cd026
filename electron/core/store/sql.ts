/**
 * SQL text that keeps every value beside the fragment it belongs to, in the spirit of Signal Desktop's
 * `sql`/`sqlFragment`/`sqlJoin`: a WHERE clause is built from fragments, never by gluing strings and
 * counting `?`s. The same query renders with `?` for SQLite and `$1, $2 …` for PostgreSQL.
 *
 *   const where = sqlJoin([sql`opd_id = ${opdId}`, sql`name LIKE ${prefix + '%'}`], sql` AND `);
 *   await store.all<Row>(sql`SELECT id, name FROM person WHERE ${where} ORDER BY name`);
 */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

const QUERY = Symbol('SqlQuery');

export interface SqlQuery {
  readonly [QUERY]: true;
  /** Literal text pieces; `parts.length === values.length + 1`. */
  readonly parts: readonly string[];
  readonly values: readonly SqlValue[];
  /**
   * The template a query came from when nothing was spliced into it: the same object at every run of
   * that line of code, so an engine can keep its rendered text and prepared statement by it instead of
   * rendering the text again per row (a 100,000-row import runs the same INSERT 100,000 times).
   */
  readonly shape?: TemplateStringsArray;
}

function make(parts: string[], values: SqlValue[], shape?: TemplateStringsArray): SqlQuery {
  return shape ? { [QUERY]: true, parts, values, shape } : { [QUERY]: true, parts, values };
}

export function isSqlQuery(x: unknown): x is SqlQuery {
  return typeof x === 'object' && x !== null && (x as { [QUERY]?: unknown })[QUERY] === true;
}

/** A query or fragment. An interpolated SqlQuery is spliced in with its values; anything else is a value. */
export function sql(strings: TemplateStringsArray, ...args: (SqlValue | SqlQuery)[]): SqlQuery {
  if (!args.some(isSqlQuery)) {
    // Flat: the template's own pieces, the arguments as values.
    const i = args.indexOf(undefined as unknown as SqlValue);
    if (i >= 0) throw new TypeError(`sql: nilai ke-${i + 1} undefined (gunakan null)`);
    return make(strings as readonly string[] as string[], args as SqlValue[], strings);
  }
  const parts: string[] = [strings[0]!];
  const values: SqlValue[] = [];
  args.forEach((arg, i) => {
    if (isSqlQuery(arg)) {
      parts[parts.length - 1] += arg.parts[0]!;
      for (let k = 0; k < arg.values.length; k++) {
        values.push(arg.values[k]!);
        parts.push(arg.parts[k + 1]!);
      }
      parts[parts.length - 1] += strings[i + 1]!;
    } else {
      if (arg === undefined) throw new TypeError(`sql: nilai ke-${i + 1} undefined (gunakan null)`);
      values.push(arg);
      parts.push(strings[i + 1]!);
    }
  });
  return make(parts, values);
}

/** The fragments joined by `separator` (default `, `); an empty list is an empty fragment. */
export function sqlJoin(fragments: readonly (SqlQuery | SqlValue)[], separator: SqlQuery = sql`, `): SqlQuery {
  // Built in one pass (linear in the list): a bulk INSERT joins thousands of row fragments.
  const parts: string[] = [''];
  const values: SqlValue[] = [];
  const append = (q: SqlQuery) => {
    parts[parts.length - 1] += q.parts[0]!;
    for (let k = 0; k < q.values.length; k++) {
      values.push(q.values[k]!);
      parts.push(q.parts[k + 1]!);
    }
  };
  fragments.forEach((f, i) => {
    if (i > 0) append(separator);
    if (isSqlQuery(f)) append(f);
    else {
      if (f === undefined) throw new TypeError(`sqlJoin: nilai ke-${i + 1} undefined (gunakan null)`);
      values.push(f);
      parts.push('');
    }
  });
  return make(parts, values);
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A table or column name chosen by code (never by a user): checked, then written as it is. */
export function sqlId(name: string): SqlQuery {
  if (!IDENT.test(name)) throw new TypeError(`sqlId: nama "${name}" tidak sah`);
  return make([name], []);
}

/** `text` with the engine's placeholders, and the values in order. */
export function render(q: SqlQuery, placeholder: (index: number) => string): { text: string; params: SqlValue[] } {
  let text = q.parts[0]!;
  for (let i = 0; i < q.values.length; i++) text += placeholder(i + 1) + q.parts[i + 1]!;
  return { text, params: [...q.values] };
}
