import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { writeSkTemplate } from '../../core/skimport/template';
import { getEmployer } from '../../core/settings/employer';
import { openCli, type CliEnv } from '../context';
import { TEMPLATE_USAGE } from '../usage';

/**
 * `sigap template sk --out F`: the blank SK appendix in the layout the importer reads best. The Pemda's
 * name (for "LAMPIRAN KEPUTUSAN BUPATI ...") comes from --pemda, or from the database when --db is given.
 */
export async function templateCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, pemda: { type: 'string' }, db: { type: 'string' } },
  });
  if (positionals[0] !== 'sk' || positionals.length > 1 || !values.out) {
    cx.io.err(`Penggunaan:\n  ${TEMPLATE_USAGE}\n`);
    return 2;
  }
  let pemda = values.pemda ?? null;
  if (!pemda && values.db) {
    const ctx = await openCli(values.db, cx);
    try {
      pemda = (await getEmployer(ctx))?.name ?? null;
    } finally {
      await ctx.close();
    }
  }
  const out = resolve(values.out);
  await writeSkTemplate(out, { pemda });
  cx.io.out(`Templat lampiran SK disimpan: ${out}\n`);
  return 0;
}
