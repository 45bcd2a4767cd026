import { parseArgs } from 'node:util';
import { queryRoster } from '../../core/roster/query';
import { isMonth } from '../../../shared/dates';
import { printJson, table, toCsv } from '../io';
import { openCli, type CliEnv } from '../context';
import { todayIso } from '../../core/context';
import { exportRoster, type RosterColumn } from '../../core/roster/export';
import { ROSTER_EXPORT_COLUMNS } from '../../../shared/contract/roster';

export async function rosterCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      month: { type: 'string' }, opd: { type: 'string' }, search: { type: 'string' }, status: { type: 'string' },
      json: { type: 'boolean' }, csv: { type: 'boolean' }, xlsx: { type: 'string' }, columns: { type: 'string' }, db: { type: 'string' },
    },
  });
  const ctx = await openCli(values.db, cx);
  try {
    const month = values.month ?? (await todayIso(ctx)).slice(0, 7);
    if (!isMonth(month)) {
      cx.io.err(`Bulan "${month}" tidak sah; tulis YYYY-MM, mis. 2026-01.\n`);
      return 2;
    }
    const status = (values.status ?? 'active') as 'active' | 'ended' | 'all';
    if (!['active', 'ended', 'all'].includes(status)) {
      cx.io.err('--status harus active, ended, atau all.\n');
      return 2;
    }
    if (values.xlsx) {
      const columns = (values.columns ?? '').split(',').map((c) => c.trim()).filter(Boolean);
      const unknown = columns.filter((c) => !(ROSTER_EXPORT_COLUMNS as readonly string[]).includes(c));
      if (unknown.length > 0) {
        cx.io.err(`Kolom tidak dikenal: ${unknown.join(', ')}. Pilih dari: ${ROSTER_EXPORT_COLUMNS.join(', ')}.\n`);
        return 2;
      }
      const n = await exportRoster(ctx, { month, status, sort: 'opd', ...(values.opd ? { opd: values.opd } : {}), ...(values.search ? { search: values.search } : {}) }, columns as RosterColumn[], values.xlsx);
      cx.io.err(`${n.toLocaleString('id-ID')} pegawai ditulis ke ${values.xlsx}\n`);
      return 0;
    }
    const { rows } = await queryRoster(ctx, { month, status, ...(values.opd ? { opd: values.opd } : {}), ...(values.search ? { search: values.search } : {}), sort: 'opd' });
    const persons = rows.map((r) => ({
      nik: r.nik, name: r.name, sex: r.sex, birthPlace: r.birthPlace, birthDate: r.birthDate, kpj: r.kpj,
      opd: r.opd, opdCode: r.opdCode, category: r.category, segment: r.segment, position: r.position,
      honor: r.honor, reportedWage: r.reportedWage, startDate: r.startDate, endDate: r.endDate, decree: r.decreeNumber, active: r.active,
    }));
    if (values.json) printJson(cx.io, { month, count: persons.length, persons });
    else if (values.csv) {
      const keys = Object.keys(persons[0] ?? { nik: '' }) as (keyof (typeof persons)[number])[];
      cx.io.out(toCsv(keys, persons.map((p) => keys.map((k) => (p[k] === null || p[k] === undefined ? null : typeof p[k] === 'boolean' ? (p[k] ? 1 : 0) : (p[k] as string | number))))));
    } else {
      cx.io.out(table(['NIK', 'Nama', 'OPD', 'Kategori', 'Honor'], persons.map((p) => [p.nik, p.name, p.opd, p.category, p.honor])));
      cx.io.out(`${persons.length} orang aktif pada ${month}\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
