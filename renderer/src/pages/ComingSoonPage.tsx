import { PageHeader } from '../components/PageHeader';

/** Where a later release adds a screen: says what will come, so the menu item is not a dead end. */
export function ComingSoonPage({ title, lead, points }: { title: string; lead: string; points: string[] }) {
  return (
    <div className="page">
      <PageHeader title={title} />
      <section className="card coming-soon">
        <span className="pill pill-soon">Segera hadir</span>
        <h2>{lead}</h2>
        <p className="muted">Layar ini disiapkan untuk versi berikutnya. Yang akan tersedia di sini:</p>
        <ul className="check-list">
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
