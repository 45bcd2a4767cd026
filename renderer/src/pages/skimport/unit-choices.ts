import { useMemo, useState } from 'react';
import type { SkPreviewDto } from '../../../../shared/contract/index';

/** Per name read: an existing unit's id, `new` to create it, or null while undecided. */
export type UnitChoice = number | 'new' | null;

export interface UnitChoicesState {
  /** The names that need the clerk's eye: everything but a unit's own name. */
  rows: SkPreviewDto['units'];
  choices: Record<string, UnitChoice>;
  set: (read: string, choice: UnitChoice) => void;
  /** Names still undecided: the apply button waits for them. */
  pending: number;
  /** What `sk.apply` takes; empty when every name is a unit's own name. */
  payload: { units?: Record<string, number | 'new'> };
}

/** Proposals and remembered aliases start chosen (the clerk can change them); names with no likely unit start undecided. */
function initial(preview: SkPreviewDto | null): Record<string, UnitChoice> {
  const out: Record<string, UnitChoice> = {};
  for (const u of preview?.units ?? []) if (u.status !== 'exact') out[u.read] = u.opdId;
  return out;
}

export function useUnitChoices(preview: SkPreviewDto | null): UnitChoicesState {
  // Choices belong to one preview: a new reading of the file starts again from its proposals.
  const [held, setHeld] = useState<{ previewId: string | null; choices: Record<string, UnitChoice> }>({ previewId: null, choices: {} });
  const previewId = preview?.previewId ?? null;
  return useMemo(() => {
    const choices = held.previewId === previewId ? held.choices : initial(preview);
    const rows = (preview?.units ?? []).filter((u) => u.status !== 'exact');
    const units: Record<string, number | 'new'> = {};
    let pending = 0;
    for (const u of rows) {
      const c = choices[u.read] ?? null;
      if (c === null) pending++;
      else units[u.read] = c;
    }
    return {
      rows,
      choices,
      set: (read, choice) =>
        setHeld((cur) => ({ previewId, choices: { ...(cur.previewId === previewId ? cur.choices : initial(preview)), [read]: choice } })),
      pending,
      payload: Object.keys(units).length > 0 ? { units } : {},
    };
  }, [preview, previewId, held]);
}
