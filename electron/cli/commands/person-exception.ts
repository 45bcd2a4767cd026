import { parseArgs } from 'node:util';
import { SigapError } from '../../../shared/errors';
import { isMonth } from '../../../shared/dates';
import { PROGRAMS, type Program } from '../../../shared/contract/settings';
import { parsePrograms } from '../../../shared/person-exception';
import { addPersonException, endPersonException } from '../../core/billing/person-exceptions';
import { personBilling } from '../../core/billing/person-billing';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { EXCEPTION_USAGE } from '../usage';
import { personIdByNik } from '../../core/roster/person';

const OPTIONS = {
  json: { type: 'boolean' }, db: { type: 'string' }, nik: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  programs: { type: 'string' }, 'jkk-class': { type: 'string' }, reason: { type: 'string' }, source: { type: 'string' },
  month: { type: 'string' }, 'last-month': { type: 'string' },
} as const;

const usage = (why: string) => new SigapError('INVALID_INPUT', `${why}\nPenggunaan:\n  ${EXCEPTION_USAGE}`);

function month(v: string | undefined, flag: string): string | undefined {
  if (v === undefined) return undefined;
  if (!isMonth(v.trim())) throw new SigapError('INVALID_INPUT', `${flag} "${v}" tidak sah: tulis YYYY-MM, mis. 2026-03.`);
  return v.trim();
}

function programsArg(v: string | undefined): Program[] | null {
  if (v === undefined) return null;
  const unknown = v.split(/[,+\s]+/).filter((w) => w && !(PROGRAMS as readonly string[]).includes(w.toUpperCase()));
  if (unknown.length) throw new SigapError('INVALID_INPUT', `--programs: "${unknown.join(', ')}" bukan program; pilih dari ${PROGRAMS.join(', ')}, mis. --programs JKK,JKM.`);
  return parsePrograms(v);
}

function classArg(v: string | undefined): number | null {
  if (v === undefined) return null;
  if (!/^[1-5]$/.test(v.trim())) throw new SigapError('INVALID_INPUT', `--jkk-class "${v}" tidak sah: tulis 1 sampai 5.`);
  return Number(v.trim());
}

/**
 * `sigap exception list --nik NIK [--month YYYY-MM] | add --nik NIK --from YYYY-MM [--to YYYY-MM]
 * [--programs JKK,JKM] [--jkk-class N] --reason ".." [--source ".."] | end ID --last-month YYYY-MM`:
 * a person's exceptions to their category (billing/person-exceptions.ts), audited like the app's.
 */
export async function exceptionCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'add' && sub !== 'end') {
    cx.io.err(`Penggunaan:\n  ${EXCEPTION_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: sub === 'end' });
  if (sub !== 'end' && !values.nik) throw usage('Sebutkan pegawainya dengan --nik NIK.');
  if (sub === 'add' && !values.from) throw usage('Sebutkan bulan mulai dengan --from YYYY-MM.');
  if (sub === 'add' && !values.reason) throw usage('Sebutkan alasannya dengan --reason "...".');
  if (sub === 'end' && (positionals.length !== 1 || !/^\d+$/.test(positionals[0]!) || !values['last-month'])) throw usage('Sebutkan nomor pengecualian dan --last-month YYYY-MM.');
  const ctx = await openCli(values.db, cx);
  try {
    const personId = (): Promise<number> => personIdByNik(ctx, values.nik!);
    if (sub === 'list') {
      const b = await personBilling(ctx, await personId(), month(values.month, '--month'));
      if (values.json) {
        printJson(cx.io, b);
        return 0;
      }
      cx.io.out(`${b.month}: ${b.segment ? `${b.category} (${b.segment}), program ditagih ${b.programs.join('+')}` : 'tidak ditagih'}` +
        `${b.jkkClass !== null ? `, JKK kelas ${b.jkkClass} (dari ${b.jkkClassFrom})` : ''}\n${b.jp ? `${b.jp.sentence}\n` : ''}`);
      if (b.exceptions.length === 0) cx.io.out('Tidak ada pengecualian.\n');
      else cx.io.out(table(['ID', 'Pengecualian', 'Alasan', 'Berlaku bulan ini'], b.exceptions.map((e) => [e.id, e.sentence, e.reason, e.active ? 'ya' : 'tidak'])));
      return 0;
    }
    if (sub === 'add') {
      const id = await addPersonException(ctx, {
        personId: await personId(), fromMonth: month(values.from, '--from')!, toMonth: month(values.to, '--to') ?? null,
        programs: programsArg(values.programs), jkkClass: classArg(values['jkk-class']), reason: values.reason!, source: values.source ?? null,
      });
      const e = (await personBilling(ctx, await personId())).exceptions.find((x) => x.id === id)!;
      if (values.json) printJson(cx.io, { exception: e });
      else cx.io.out(`Pengecualian #${id} tersimpan: ${e.sentence}. Berlaku untuk penagihan dan berkas BPJS berikutnya; tagihan yang sudah terbit tidak berubah.\n`);
      return 0;
    }
    const ended = await endPersonException(ctx, Number(positionals[0]), month(values['last-month'], '--last-month')!);
    if (values.json) printJson(cx.io, { exception: ended });
    else cx.io.out(`Pengecualian #${ended.id} berakhir sesudah ${ended.toMonth}.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
