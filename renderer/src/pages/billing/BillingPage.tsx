import { useSearchParams } from 'react-router';
import { useAppInfo } from '../../app-info';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { MonthInvoices } from './MonthInvoices';
import { ArrearsView } from './ArrearsView';
import '../../styles/billing.css';

type Tab = 'tagihan' | 'tunggakan';

/** Iuran: the month's invoices per paying unit (run, issue, open) and the arrears of every unit. */
export function BillingPage() {
  const { info } = useAppInfo();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('bulan') ?? '') ? params.get('bulan')! : info.today.slice(0, 7);
  const tab: Tab = params.get('tab') === 'tunggakan' ? 'tunggakan' : 'tagihan';
  const set = (next: { month?: string; tab?: Tab }) => {
    const p = new URLSearchParams();
    p.set('bulan', next.month ?? month);
    if ((next.tab ?? tab) === 'tunggakan') p.set('tab', 'tunggakan');
    setParams(p, { replace: true });
  };
  return (
    <div className="page">
      <PageHeader title="Iuran" subtitle="Tagihan iuran BPJS Ketenagakerjaan per OPD setiap bulan, pembayaran SP2D, dan tunggakan." />
      <Tabs<Tab>
        label="Bagian iuran"
        active={tab}
        onChange={(t) => set({ tab: t })}
        items={[
          { key: 'tagihan', label: 'Tagihan bulanan' },
          { key: 'tunggakan', label: 'Tunggakan' },
        ]}
      />
      <div role="tabpanel" className="tab-panel">
        {tab === 'tagihan' ? <MonthInvoices month={month} today={info.today} onMonth={(m) => set({ month: m })} /> : <ArrearsView today={info.today} />}
      </div>
    </div>
  );
}
