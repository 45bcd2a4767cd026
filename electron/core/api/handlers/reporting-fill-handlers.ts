import type { CoreContext } from '../../context';
import type { reportingFillCalls } from '../../../../shared/contract/reporting-fill-calls';
import { FILL_LIST_LIMIT } from '../../../../shared/contract/reporting-fill-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import { fillPersonField, listNaReasons, missingPeople, preflight, saveNaReason } from '../../bpjs/index';

type Names = keyof typeof reportingFillCalls;
export type ReportingFillHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** Reporting settings (SEBAB_NA codes) and the pre-flight's one-step fill, on the core. */
export function reportingFillHandlers(ctx: CoreContext): ReportingFillHandlers {
  return {
    'bpjs.profileCheck': async ({ kind, profile }) => {
      const k = (await preflight(ctx, { kinds: [kind], profiles: { [kind]: profile } })).kinds[0]!;
      return { pending: k.pending, ready: k.ready, blockedCount: k.blocked.length, warnedCount: k.warned.length, requiredMissing: k.requiredMissing };
    },

    'bpjs.naReasons': () => listNaReasons(ctx),

    'bpjs.saveNaReason': ({ reason, code, source, note }) => saveNaReason(ctx, { reason, code, ...(source !== undefined ? { source } : {}), ...(note !== undefined ? { note } : {}) }),

    'bpjs.requiredPeople': ({ kind, column, profile }) => missingPeople(ctx, kind, column, { ...(profile ? { profile } : {}), limit: FILL_LIST_LIMIT }),

    'bpjs.fillRequired': async ({ field, entries, all }) => {
      if ((entries === undefined) === (all === undefined)) throw new SigapError('INVALID_INPUT', 'Pilih satu cara: nilai per orang, atau satu nilai untuk semua.');
      if (entries) return fillPersonField(ctx, field, entries);
      const { people } = await missingPeople(ctx, all!.kind, all!.column, all!.profile ? { profile: all!.profile } : {});
      if (people.length === 0) throw new SigapError('INVALID_INPUT', `Kolom ${all!.column} sudah terisi untuk semua orang. Periksa ulang daftar.`);
      return fillPersonField(ctx, field, people.map((p) => ({ personId: p.personId, value: all!.value })));
    },
  };
}
