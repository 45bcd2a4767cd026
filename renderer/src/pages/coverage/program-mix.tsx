/**
 * Enrolled people by program set, as plain labelled bars. It replaces a donut that, in a Pemda where
 * nearly everyone has JKK + JKM only, drew one full ring: here every set has its row, its count and
 * its share, and a small or empty set reads "0 orang" instead of vanishing. Bars are SVG rects sized by
 * attribute, so nothing needs an inline style under the app's CSP.
 */
import type { CoverageSummaryDto } from '../../../../shared/contract/coverage-calls';
import { formatShare } from '../../../../shared/percent';
import { formatNumber } from '../../format';

const SETS = [
  { key: 'jkkJkmOnly', label: 'JKK + JKM saja', tone: 'primary' },
  { key: 'allFour', label: 'Empat program (JKK, JKM, JHT, JP)', tone: 'ok' },
  { key: 'other', label: 'Kombinasi lain', tone: 'soft' },
] as const;

export function ProgramMixBars({ s }: { s: CoverageSummaryDto }) {
  const total = SETS.reduce((sum, set) => sum + s.programMix[set.key], 0);
  if (total === 0) return <p className="muted">Belum ada peserta terdaftar.</p>;
  return (
    <div className="program-mix" data-testid="chart-programs">
      <p className="small muted program-mix-caption">{formatNumber(total)} peserta terdaftar menurut program</p>
      <ul className="program-mix-rows">
        {SETS.map((set) => {
          const n = s.programMix[set.key];
          return (
            <li key={set.key} className="program-mix-row" data-testid="program-mix-row" data-set={set.key}>
              <span className="program-mix-label">{set.label}</span>
              <svg className="program-mix-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect className="program-mix-track" x="0" y="0" width="100" height="10" />
                {n > 0 ? <rect className={`program-mix-fill program-mix-${set.tone}`} x="0" y="0" width={Math.max(1, (n / total) * 100)} height="10" /> : null}
              </svg>
              <span className="program-mix-value tabular">
                <strong>{formatNumber(n)}</strong> orang · {formatShare(n, total)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
