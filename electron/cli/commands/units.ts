import { parseArgs } from 'node:util';
import { listCategories, listOpds } from '../../core/roster/units';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';

export async function opdCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') {
    cx.io.err('Penggunaan: sigap opd list [--json] [--db PATH]\n');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, db: { type: 'string' } } });
  const ctx = openCli(values.db, cx);
  try {
    const opds = listOpds(ctx);
    if (values.json) printJson(cx.io, { opds });
    else cx.io.out(table(['Kode', 'Nama', 'Jenis', 'Kode rekening', 'Kepala'], opds.map((o) => [o.code, o.name, o.kind, o.budget_account ?? '', o.head_name ?? ''])));
    return 0;
  } finally {
    ctx.close();
  }
}

export async function categoryCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') {
    cx.io.err('Penggunaan: sigap category list [--json] [--db PATH]\n');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, db: { type: 'string' } } });
  const ctx = openCli(values.db, cx);
  try {
    const categories = listCategories(ctx).map((c) => ({ id: c.id, name: c.name, segment: c.segment, programs: c.programs.split(','), jkkClass: c.jkk_class, enrolled: c.enrolled === 1 }));
    if (values.json) printJson(cx.io, { categories });
    else cx.io.out(table(['ID', 'Nama', 'Segmen', 'Program'], categories.map((c) => [c.id, c.name, c.segment, c.programs.join('+')])));
    return 0;
  } finally {
    ctx.close();
  }
}
