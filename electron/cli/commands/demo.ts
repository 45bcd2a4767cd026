import { parseArgs } from 'node:util';
import { seedDemo } from '../../core/demo/index';
import { printJson, progress } from '../io';
import { openCli, type CliEnv } from '../context';

export async function demoCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { persons: { type: 'string' }, year: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } } });
  const persons = Number(values.persons ?? '2000');
  if (!Number.isInteger(persons) || persons < 1 || persons > 1_000_000) {
    cx.io.err('--persons harus bilangan bulat 1 sampai 1.000.000.\n');
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    const res = await seedDemo(ctx, {
      persons,
      ...(values.year ? { year: Number(values.year) } : {}),
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      onProgress: progress(cx.io, 'Membuat pegawai demo'),
    });
    if (values.json) printJson(cx.io, res);
    else cx.io.out(`Data demo dibuat: ${res.opds} unit, ${res.persons} pegawai, SK ${res.decrees.join(' dan ')}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
