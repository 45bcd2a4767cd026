/**
 * The Beranda charts (recharts). Every bar is a link: a click opens the list behind it, and the same
 * numbers stay reachable with the keyboard in the tables next to the charts.
 */
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useNavigate } from 'react-router';
import { MONTHS_ID } from '../../../../shared/dates';
import { AGING_BUCKETS } from '../../../../shared/billing-types';
import type { CoverageSummaryDto } from '../../../../shared/contract/coverage-calls';
import { formatNumber, formatRupiah } from '../../format';

export const COLORS = { primary: '#1d5c8f', ok: '#1e7346', warn: '#d39b1c', danger: '#b2261d', muted: '#c3cdd8', soft: '#8fb3d3' };

const shortMonth = (m: string) => `${MONTHS_ID[Number(m.slice(5, 7)) - 1]!.slice(0, 3)} ${m.slice(2, 4)}`;
const shortRupiah = (n: number) => (n >= 1e9 ? `${(n / 1e9).toLocaleString('id-ID', { maximumFractionDigits: 1 })} M` : n >= 1e6 ? `${(n / 1e6).toLocaleString('id-ID', { maximumFractionDigits: 1 })} jt` : formatNumber(n));
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * A unit's name beside its bar: cut to fit the axis, the full name in an SVG title (the hover tooltip,
 * and what a screen reader reads), so "Dinas Pemberdayaan Perempuan, Perlindungan Anak, …" stays known.
 */
function UnitTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? '');
  return (
    <g transform={`translate(${x},${y})`} data-testid="opd-tick">
      <title>{name}</title>
      <text x={-4} y={0} dy={4} textAnchor="end" fontSize={12} fill="#5b6978">
        {cut(name, 27)}
      </text>
    </g>
  );
}

interface OpdDatum { opdId: number; name: string; enrolled: number; notEnrolled: number }

/** Units by people on SK, split into enrolled and not yet enrolled. */
export function CoverageByOpdChart({ s, limit = 12 }: { s: CoverageSummaryDto; limit?: number }) {
  const navigate = useNavigate();
  const data: OpdDatum[] = s.byOpd.slice(0, limit).map((o) => ({ opdId: o.opdId, name: o.name, enrolled: o.enrolled, notEnrolled: o.active - o.enrolled }));
  // Each segment opens its own people: the enrolled part those with a KPJ, the rest those without.
  const open = (kpj: 'ada' | 'belum') => (d: unknown) => {
    const id = (d as { payload?: OpdDatum }).payload?.opdId;
    if (id) void navigate(`/pegawai?bulan=${s.month}&opd=${id}&kpj=${kpj}`);
  };
  return (
    <div className="chart" data-testid="chart-opd">
      <ResponsiveContainer width="100%" height={data.length * 24 + 48}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} barCategoryGap={4}>
          <CartesianGrid horizontal={false} stroke="#e5e9ef" />
          <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={formatNumber} allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={205} tick={<UnitTick />} interval={0} />
          <Tooltip formatter={(v) => formatNumber(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="enrolled" name="Terdaftar (ber-KPJ)" stackId="a" fill={COLORS.primary} cursor="pointer" onClick={open('ada')} isAnimationActive={false} />
          <Bar dataKey="notEnrolled" name="Belum terdaftar" stackId="a" fill={COLORS.warn} cursor="pointer" onClick={open('belum')} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Twelve months of dues: issued against paid. */
export function TrendChart({ s }: { s: CoverageSummaryDto }) {
  const navigate = useNavigate();
  const data = s.trend.map((m) => ({ ...m, label: shortMonth(m.month) }));
  if (data.every((m) => m.issued === 0 && m.paid === 0)) {
    return <p className="muted">Belum ada tagihan terbit dalam dua belas bulan terakhir. Hitung dan terbitkan iuran di menu Iuran.</p>;
  }
  const open = (d: unknown) => {
    const month = (d as { payload?: { month?: string } }).payload?.month;
    if (month) void navigate(`/iuran?bulan=${month}`);
  };
  return (
    <div className="chart" data-testid="chart-trend">
      <ResponsiveContainer width="100%" height={210}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e5e9ef" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={shortRupiah} width={52} />
          <Tooltip formatter={(v) => formatRupiah(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="issued" name="Tagihan terbit" fill={COLORS.primary} cursor="pointer" onClick={open} isAnimationActive={false} />
          <Bar dataKey="paid" name="Dibayar" fill={COLORS.ok} cursor="pointer" onClick={open} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

const SHORT_AGING = { notDue: 'Belum tempo', d0_30: '0-30 hr', d31_60: '31-60 hr', d61_90: '61-90 hr', over90: '> 90 hr' } as const;

const BUCKET_COLORS = { notDue: COLORS.muted, d0_30: COLORS.soft, d31_60: COLORS.warn, d61_90: '#c8661a', over90: COLORS.danger } as const;

/** Outstanding dues by age. */
export function ArrearsChart({ s }: { s: CoverageSummaryDto }) {
  const navigate = useNavigate();
  const data = AGING_BUCKETS.map((b) => ({ bucket: b, label: SHORT_AGING[b], value: s.arrears.buckets[b] }));
  if (data.every((d) => d.value === 0)) return <p className="muted">Tidak ada tagihan terbit yang belum dibayar.</p>;
  return (
    <div className="chart" data-testid="chart-arrears">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e5e9ef" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={shortRupiah} width={52} />
          <Tooltip formatter={(v) => formatRupiah(Number(v))} />
          <Bar dataKey="value" name="Tunggakan" cursor="pointer" onClick={() => navigate('/iuran?tab=tunggakan')} isAnimationActive={false}>
            {data.map((d) => <Cell key={d.bucket} fill={BUCKET_COLORS[d.bucket]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
