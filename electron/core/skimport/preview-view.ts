/**
 * A preview as plain data, mapped once for both outward views: the bridge's `sk.preview` reply
 * (lists cut to PREVIEW_LIST_LIMIT, with a preview id) and `sigap import-sk --json` (whole lists, the
 * CLI's documented field set).
 */
import { PREVIEW_LIST_LIMIT, type SkPreviewDto } from '../../../shared/contract/index';
import type { Preview } from './preview';

/** The preview's facts; lists hold at most `limit` entries, `counts` the whole numbers. */
export function previewView(pv: Preview, limit = Infinity): Omit<SkPreviewDto, 'previewId'> {
  const cut = <T>(xs: T[]) => xs.slice(0, limit);
  const d = pv.decree;
  return {
    file: pv.read.file,
    sha256: pv.read.sha256,
    title: pv.read.title,
    decree: d ? { number: d.number, date: d.date, subject: d.subject, tmtStart: d.tmtStart, tmtEnd: d.tmtEnd, categoryId: d.category.id, category: d.category.name, mode: d.mode } : null,
    blocking: pv.blocking,
    sheets: pv.read.sheets,
    rows: pv.read.rows.length,
    accepted: pv.accepted,
    rejected: cut(pv.rejected),
    warnings: cut(pv.warnings),
    newUnits: pv.newUnits,
    units: pv.units,
    diff: { added: cut(pv.diff.added), removed: cut(pv.diff.removed), changed: cut(pv.diff.changed), unchanged: pv.diff.unchanged },
    counts: { rejected: pv.rejected.length, warnings: pv.warnings.length, added: pv.diff.added.length, removed: pv.diff.removed.length, changed: pv.diff.changed.length },
  };
}

/** What crosses the bridge: long lists are cut, counts stay whole. */
export function previewDto(id: string, pv: Preview): SkPreviewDto {
  return { previewId: id, ...previewView(pv, PREVIEW_LIST_LIMIT) };
}
