import { useSearchParams } from 'react-router';
import { useAppInfo } from '../../app-info';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { MonthInvoices } from './MonthInvoices';
import { ArrearsView } from './ArrearsView';
import { BpjsPaymentPanel } from './BpjsPaymentPanel';
import '../../styles/billing.css';

type Tab = 'tagihan' | 'bpjs' | 'tunggakan';

/** Iuran: the month's invoices per paying unit (run, issue, open), the month's payment to BPJS per NPP, and the arrears of every unit. */
export function BillingPage() {
  const { info } = useAppInfo();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('bulan') ?? '') ? params.get('bulan')! : info.today.slice(0, 7);
  const tab: Tab = params.get('tab') === 'tunggakan' ? 'tunggakan' : params.get('tab') === 'bpjs' ? 'bpjs' : 'tagihan';
  const set = (next: { month?: string; tab?: Tab }) => {
    const p = new URLSearchParams();
    p.set('bulan', next.month ?? month);
    const t = next.tab ?? tab;
    if (t !== 'tagihan') p.set('tab', t);
    setParams(p, { replace: true });
  };
  return (
    <div className="page">
      <PageHeader title="Iuran" subtitle="Tagihan iuran BPJS Ketenagakerjaan per OPD setiap bulan, pembayaran SP2D, pembayaran Pemda ke BPJS per NPP, dan tunggakan." />
      <Tabs<Tab>
        label="Bagian iuran"
        active={tab}
        onChange={(t) => set({ tab: t })}
        items={[
          { key: 'tagihan', label: 'Tagihan bulanan' },
          { key: 'bpjs', label: 'Pembayaran ke BPJS' },
          { key: 'tunggakan', label: 'Tunggakan' },
        ]}
      />
      <div role="tabpanel" className="tab-panel">
        {tab === 'tagihan' ? <MonthInvoices month={month} today={info.today} onMonth={(m) => set({ month: m })} /> : null}
        {tab === 'bpjs' ? <BpjsPaymentPanel month={month} today={info.today} onMonth={(m) => set({ month: m })} /> : null}
        {tab === 'tunggakan' ? <ArrearsView today={info.today} /> : null}
      </div>
    </div>
  );
}
