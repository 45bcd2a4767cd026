import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Shell() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Sigap</h1>
      <p>Daftar pegawai non-ASN, iuran dan pelaporan BPJS Ketenagakerjaan.</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shell />
  </StrictMode>,
);
