import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../shared/contract/index';
import { useBridge } from '../bridge-context';

/** The latest progress event of one task (`sk.preview`, `sk.apply`), or null when none has come yet. */
export function useProgress(task: string | null): ProgressEvent | null {
  const bridge = useBridge();
  const [latest, setLatest] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    if (task === null) return undefined;
    return bridge.onProgress((e) => {
      if (e.task === task) setLatest(e);
    });
  }, [bridge, task]);
  // An event of an earlier run of another task is not this task's progress.
  return latest !== null && latest.task === task ? latest : null;
}
