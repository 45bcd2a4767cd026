import type { Input, PersonDetailDto } from '../../../../shared/contract/index';
import { parseRupiahText } from '../../../../shared/money';
import { BridgeError } from '../../bridge';
import { dateFromText, toDateText } from '../../date-text';

/** The person and engagement forms as typed: every control holds text. */
export interface PersonFormValues {
  nik: string;
  name: string;
  birthPlace: string;
  /** As typed, e.g. `12-05-1990`. */
  birthDate: string;
  sex: '' | 'L' | 'P';
  address: string;
  phone: string;
  motherName: string;
  kpj: string;
  postalCode: string;
  email: string;
  /** '' (unknown), 'Y' (kawin) or 'T' (tidak kawin). */
  maritalStatus: string;
  workLocation: string;
}

export interface EngagementFormValues {
  opdId: string;
  categoryId: string;
  position: string;
  honor: string;
  startDate: string;
  endDate: string;
}

export const emptyPerson: PersonFormValues = { nik: '', name: '', birthPlace: '', birthDate: '', sex: '', address: '', phone: '', motherName: '', kpj: '',
  postalCode: '', email: '', maritalStatus: '', workLocation: '',
};

export function personValues(p: PersonDetailDto['person']): PersonFormValues {
  return {
    nik: p.nik, name: p.name, birthPlace: p.birthPlace ?? '', birthDate: toDateText(p.birthDate), sex: p.sex ?? '',
    address: p.address ?? '', phone: p.phone ?? '', motherName: p.motherName ?? '', kpj: p.kpj ?? '',
    postalCode: p.postalCode ?? '', email: p.email ?? '', maritalStatus: p.maritalStatus ?? '', workLocation: p.workLocation ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** What the bridge takes; blanks become null. NIK and name go as typed: the core checks them. Throws on an unreadable date. */
export function personInput(v: PersonFormValues): Input<'person.update'>['person'] {
  return {
    nik: v.nik.trim(), name: v.name, birthPlace: orNull(v.birthPlace), birthDate: dateFromText(v.birthDate, 'Tanggal lahir'),
    sex: v.sex === '' ? null : v.sex, address: orNull(v.address), phone: orNull(v.phone), motherName: orNull(v.motherName), kpj: orNull(v.kpj),
    postalCode: orNull(v.postalCode), email: orNull(v.email), maritalStatus: orNull(v.maritalStatus), workLocation: orNull(v.workLocation),
  };
}

const refuse = (message: string): never => {
  throw new BridgeError('INVALID_INPUT', message);
};

/**
 * The engagement for `person.create`; what is missing or unreadable is refused here with a message.
 * The core checks the rest (dates in order, honor required for wage earners).
 */
export function engagementInput(v: EngagementFormValues): Input<'person.create'>['engagement'] {
  if (v.opdId === '') refuse('Pilih OPD atau pekon tempat bertugas.');
  if (v.categoryId === '') refuse('Pilih kategori pegawai.');
  const honor = v.honor.trim() === '' ? 0 : parseRupiahText(v.honor);
  if (honor === null) return refuse(`Honor "${v.honor}" bukan jumlah rupiah. Tulis misalnya 1.500.000.`);
  const startDate = dateFromText(v.startDate, 'Tanggal mulai') ?? refuse('Isi tanggal mulai bertugas.');
  return {
    opdId: Number(v.opdId), categoryId: Number(v.categoryId), position: orNull(v.position), honor,
    startDate, endDate: dateFromText(v.endDate, 'Tanggal berakhir'),
  };
}
