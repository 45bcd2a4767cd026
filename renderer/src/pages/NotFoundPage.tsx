import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeader title="Halaman tidak ditemukan" />
      <p>
        Alamat ini tidak ada di Sigap. <Link to="/">Kembali ke Beranda</Link>
      </p>
    </div>
  );
}
