import type { Input, SkPreviewDto } from '../../../../shared/contract/index';
import { dateFromText, toDateText } from '../../date-text';

/**
 * The decree's data as the clerk confirms it, dates as typed; blank number, date and TMT mean "as read
 * from the title rows".
 */
export interface DecreeForm {
  number: string;
  date: string;
  tmt: string;
  tmtEnd: string;
  categoryId: string;
  mode: 'replace' | 'amend';
  /** The OPD for rows that name none (no unit column, group row or telling sheet name). */
  defaultUnit: string;
}

export const emptyDecreeForm = (categoryId: string): DecreeForm => ({ number: '', date: '', tmt: '', tmtEnd: '', categoryId, mode: 'replace', defaultUnit: '' });

export type Overrides = NonNullable<Input<'sk.preview'>['overrides']>;

/** The preview request: only what the clerk filled in, so the rest is read from the file. Throws on an unreadable date. */
export function previewInput(token: string, f: DecreeForm, overrides: Overrides): Input<'sk.preview'> {
  const given = (s: string) => s.trim() !== '';
  const date = dateFromText(f.date, 'Tanggal SK');
  const tmt = dateFromText(f.tmt, 'TMT');
  const tmtEnd = dateFromText(f.tmtEnd, 'Tanggal berakhirnya SK');
  return {
    token,
    mode: f.mode,
    ...(given(f.number) ? { number: f.number.trim() } : {}),
    ...(date ? { date } : {}),
    ...(tmt ? { tmt } : {}),
    ...(tmtEnd ? { tmtEnd } : {}),
    ...(given(f.categoryId) ? { categoryId: Number(f.categoryId) } : {}),
    ...(given(f.defaultUnit) ? { defaultUnit: f.defaultUnit } : {}),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
  };
}

/**
 * After a preview, blanks are filled with what was read from the file, so going back shows the
 * clerk the values that will be used rather than empty boxes.
 */
export function confirmedForm(f: DecreeForm, pv: SkPreviewDto): DecreeForm {
  const d = pv.decree;
  return {
    ...f,
    number: f.number || d?.number || pv.title.number || '',
    date: f.date || toDateText(d?.date ?? pv.title.date),
    tmt: f.tmt || toDateText(d?.tmtStart ?? pv.title.tmt),
    tmtEnd: f.tmtEnd || toDateText(d?.tmtEnd),
  };
}
