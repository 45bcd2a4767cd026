import type { InvoiceDetailDto } from '../../../../shared/contract/billing-calls';
import { formatMonthId, formatRupiah } from '../../format';
import { CONFIDENCE_LABELS, formatRateValue } from './billing-labels';

/** The rate snapshot the invoice was computed with, each rate with its effective month and source. */
export function RatesUsed({ d }: { d: InvoiceDetailDto }) {
  const issued = d.invoice.status === 'issued';
  return (
    <details className="card rates-used">
      <summary>
        <strong>Tarif yang dipakai</strong>{' '}
        <span className="muted">
          ({issued ? 'dibekukan saat terbit; perubahan tarif sesudahnya tidak mengubah tagihan ini' : 'tarif yang berlaku saat draf dihitung'}) · kelas JKK pemberi kerja: {d.rates.employerJkkClass}
        </span>
      </summary>
      <table className="simple-table" data-testid="rates-used">
        <thead>
          <tr>
            <th>Tarif</th>
            <th className="num">Nilai</th>
            <th>Berlaku sejak</th>
            <th>Sumber</th>
          </tr>
        </thead>
        <tbody>
          {d.rates.params.map((p) => (
            <tr key={p.key}>
              <td>{p.label}</td>
              <td className="num nowrap">{formatRateValue(p.unit, p.value)}</td>
              <td className="nowrap">{formatMonthId(p.effectiveMonth)}</td>
              <td>
                {p.source} <span className="muted small">(keyakinan {CONFIDENCE_LABELS[p.confidence]})</span>
              </td>
            </tr>
          ))}
          {d.rates.bpuBrackets ? (
            <tr>
              <td>Golongan penghasilan BPU</td>
              <td className="num">{d.rates.bpuBrackets.brackets.map((b) => formatRupiah(b.declaredIncome)).join(', ')}</td>
              <td>{formatMonthId(d.rates.bpuBrackets.effectiveMonth)}</td>
              <td>{d.rates.bpuBrackets.source}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </details>
  );
}
