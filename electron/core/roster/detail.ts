import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { SigapError } from '../../../shared/errors';
import { nikWarnings } from './person';
import { getIncident, type IncidentRow } from '../coverage/incidents';
import type { PersonDetailDto } from '../../../shared/contract/index';
import { privateForms, scrubFreeText } from '../private-text';
import { storeOf } from '../store/of-context';
import { personDetailRepo } from './person-detail-repository';

const MASKED_NIK_WARNING = 'Data NIK, tanggal lahir atau jenis kelamin pegawai ini perlu diperiksa oleh bagian Kepegawaian.';
const PRIVATE_FIELDS = ['address', 'phone', 'motherName', 'mother_name', 'birthDate', 'birth_date', 'postalCode', 'postal_code', 'email'];

/** This person's private values, now and in the snapshots of the trail, in every form text may quote them. */
function privateValues(p: PersonDetailDto['person'], trail: { before: unknown; after: unknown }[]): string[] {
  const values: unknown[] = [];
  for (const o of [p, ...trail.flatMap((a) => [a.before, a.after])]) {
    if (o && typeof o === 'object') for (const k of PRIVATE_FIELDS) values.push((o as Record<string, unknown>)[k]);
  }
  return privateForms(values.filter((v): v is string => typeof v === 'string'));
}

/** A person's page: identity, current engagement, every engagement with its decree, incidents, and the audit trail. */
export async function personDetail(ctx: CoreContext, personId: number): Promise<PersonDetailDto> {
  const today = await todayIso(ctx);
  // One snapshot of the person, their engagements and the trail about them.
  const { p, engagements, audit } = await storeOf(ctx).tx('read', async (q) => {
    const p = await personDetailRepo.person(q, personId);
    if (!p) throw new SigapError('NOT_FOUND', 'Pegawai tidak ditemukan.');
    const engagements = await personDetailRepo.engagements(q, personId);
    return { p, engagements, audit: await personDetailRepo.trail(q, personId, engagements.map((e) => e.id)) };
  });
  const current = engagements.find((e) => e.startDate <= today && (e.endDate === null || e.endDate >= today)) ?? null;
  const incidents = await personIncidents(ctx, personId);
  // The earliest death-kind incident, as the incident log itself decides who is recorded as deceased.
  const died = incidents.filter((i) => i.kind === 'death' || i.kind === 'work_death').sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1))[0];
  const warnings = nikWarnings({ nik: p.nik, birth_date: p.birthDate, sex: p.sex }, Number(today.slice(0, 4)));
  const trail = audit.map(({ beforeJson, afterJson, ...a }) => ({ ...a, before: beforeJson ? JSON.parse(beforeJson) : null, after: afterJson ? JSON.parse(afterJson) : null }));
  const masked = ctx.seesIdentity === false;
  // The bridge masks fields and numbers for roles that may not see identity (shared/mask.ts); free text
  // (a reason to end typed by a clerk, an incident's description) may still quote this person's private
  // values, current or earlier: those are replaced here.
  const forms = masked ? privateValues(p, trail) : [];
  const scrub = <T,>(v: T): T => (masked ? scrubFreeText(v, forms) : v);
  return {
    person: p,
    current: scrub(current),
    engagements: scrub(engagements),
    audit: scrub(trail),
    nikWarnings: masked ? (warnings.length > 0 ? [MASKED_NIK_WARNING] : []) : warnings,
    incidents: scrub(incidents),
    death: died ? { incidentId: died.id, date: died.date, kind: died.kind, kindLabel: died.kindLabel } : null,
  };
}

/**
 * The person's incidents, newest first, each built by the incident log itself (deadline, status and
 * benefit estimate), so the person page and the /kejadian screen never disagree.
 */
export async function personIncidents(ctx: CoreContext, personId: number): Promise<IncidentRow[]> {
  const out: IncidentRow[] = [];
  for (const id of await personDetailRepo.incidentIds(storeOf(ctx), personId)) out.push(await getIncident(ctx, id));
  return out;
}
