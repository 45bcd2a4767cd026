import { NavLink, Outlet } from 'react-router';
import { useAppInfo } from '../app-info';
import { Icon, type IconName } from './icons';
import { UserMenu } from '../pages/security/UserMenu';

interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  soon?: boolean;
}

const GROUPS: { title: string; items: NavItem[] }[] = [
  {
    title: 'Data pegawai',
    items: [
      { to: '/', label: 'Beranda', icon: 'home' },
      { to: '/pegawai', label: 'Pegawai', icon: 'people' },
      { to: '/sk', label: 'SK', icon: 'decree' },
    ],
  },
  {
    title: 'BPJS Ketenagakerjaan',
    items: [
      { to: '/iuran', label: 'Iuran', icon: 'dues' },
      { to: '/pelaporan', label: 'Pelaporan BPJS', icon: 'report' },
      { to: '/kejadian', label: 'Kecelakaan & kematian', icon: 'alert' },
      { to: '/laporan', label: 'Laporan & anggaran', icon: 'chart' },
    ],
  },
  { title: 'Sistem', items: [{ to: '/pengaturan', label: 'Pengaturan', icon: 'settings' }] },
];

/** The frame of every screen: navigation on the left, the screen on the right. */
export function AppLayout() {
  const { info } = useAppInfo();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Langsung ke isi
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          <div>
            <div className="brand-name">Sigap</div>
            <div className="brand-tag">Non-ASN &amp; BPJS Ketenagakerjaan</div>
          </div>
        </div>
        <nav aria-label="Navigasi utama">
          {GROUPS.map((g) => (
            <div className="nav-group" key={g.title}>
              <div className="nav-title">{g.title}</div>
              {g.items.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.to === '/'} className="nav-link">
                  <Icon name={item.icon} />
                  <span>{item.label}</span>
                  {item.soon ? <span className="nav-soon">segera</span> : null}
                </NavLink>
              ))}
            </div>
          ))}
        </nav>
        <div className="sidebar-foot">
          <UserMenu />
          <div className="sidebar-employer">{info.employer?.name ?? 'Profil Pemda belum diisi'}</div>
          <div>Versi {info.version}</div>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
