import type { LinkState } from '../../../shared/desktop-connection';

const time = (iso: string) => new Date(iso).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' });

/** Over every screen while the server cannot be reached; it goes by itself when the link is back. */
export function LinkBanner({ link, address }: { link: Extract<LinkState, { state: 'offline' }>; address: string | null }) {
  return (
    <div className="link-banner" role="alert" data-testid="link-banner">
      <span className="link-banner-dot" aria-hidden="true" />
      <div>
        <strong>{link.message}</strong>
        <span>
          {' '}
          Terputus sejak pukul {time(link.since)}{address ? ` dari ${address}` : ''}. Data yang sedang dibaca dimuat lagi setelah tersambung; perubahan yang
          belum terkirim tidak tersimpan setengah-setengah, jadi ulangi setelah sambungan pulih.
        </span>
      </div>
    </div>
  );
}
