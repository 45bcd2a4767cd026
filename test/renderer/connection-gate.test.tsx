/**
 * What the desktop shows first (renderer/src/connection): nothing extra in a browser, the choice until
 * the clerk has made it, the fingerprint confirmed before it is pinned, the banner while a server is gone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DesktopBridge, DesktopConnection, LinkState } from '../../shared/desktop-connection';
import { ConnectionGate } from '../../renderer/src/connection/ConnectionGate';
import { fingerprintLines } from '../../renderer/src/connection/desktop';

afterEach(cleanup);

const FP = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');

function fakeDesktop(start: DesktopConnection = { mode: 'ask' }) {
  let connection = start;
  let emit: (s: LinkState) => void = () => {};
  const d = {
    connection: vi.fn(async () => ({ ...connection, link: { state: 'online' } as LinkState })),
    checkServer: vi.fn(async (address: string) => ({ ok: true as const, value: { address: `https://${address}:8443`, fingerprint: FP } })),
    useLocal: vi.fn(async () => ((connection = { mode: 'local' }), { ok: true as const, value: null })),
    useServer: vi.fn(async (address: string, fingerprint: string) => ((connection = { mode: 'server', address, fingerprint }), { ok: true as const, value: null })),
    onLink: vi.fn((l: (s: LinkState) => void) => ((emit = l), () => {})),
  } satisfies DesktopBridge;
  return { d, emit: (s: LinkState) => act(() => emit(s)) };
}

describe('the desktop\'s first question', () => {
  it('in a browser (no desktop bridge) the app shows at once', () => {
    render(<ConnectionGate desktop={null}><p>aplikasi</p></ConnectionGate>);
    expect(screen.getByText('aplikasi')).toBeTruthy();
  });

  it('"Gunakan di komputer ini saja" is the default; choosing it opens the app', async () => {
    const { d } = fakeDesktop();
    render(<ConnectionGate desktop={d}><p>aplikasi</p></ConnectionGate>);
    expect(await screen.findByRole('heading', { name: 'Di mana data Sigap disimpan?' })).toBeTruthy();
    expect(screen.queryByText('aplikasi')).toBeNull();
    expect((screen.getByRole('radio', { name: /Gunakan di komputer ini saja/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Mulai di komputer ini' }));
    expect(await screen.findByText('aplikasi')).toBeTruthy();
    expect(d.useLocal).toHaveBeenCalledTimes(1);
    expect(d.useServer).not.toHaveBeenCalled();
  });

  it('a server: its fingerprint is shown; "Tidak sama" pins nothing; "Sama" pins exactly what was shown', async () => {
    const { d, emit } = fakeDesktop();
    render(<ConnectionGate desktop={d}><p>aplikasi</p></ConnectionGate>);
    fireEvent.click(await screen.findByRole('radio', { name: /Sambungkan ke server Sigap kantor/ }));
    fireEvent.change(screen.getByLabelText(/^Alamat server/), { target: { value: 'sigap.pemda.go.id' } });
    fireEvent.click(screen.getByRole('button', { name: 'Periksa server' }));
    const shown = await screen.findByTestId('fingerprint');
    expect(shown.textContent).toBe(fingerprintLines(FP).join(''));
    expect(fingerprintLines(FP)).toHaveLength(4);
    expect(fingerprintLines(FP)[0]).toBe('00 01 02 03 04 05 06 07');
    fireEvent.click(screen.getByRole('button', { name: 'Tidak sama, kembali' }));
    expect(await screen.findByRole('heading', { name: 'Di mana data Sigap disimpan?' })).toBeTruthy();
    expect(d.useServer).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Periksa server' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sama, sambungkan' }));
    expect(await screen.findByText('aplikasi')).toBeTruthy();
    expect(d.useServer).toHaveBeenCalledWith('https://sigap.pemda.go.id:8443', FP);

    emit({ state: 'offline', message: 'Sambungan ke server Sigap terputus. Sigap mencoba menyambung lagi…', since: '2026-03-10T03:14:00.000Z' });
    expect(screen.getByTestId('link-banner').textContent).toContain('dari https://sigap.pemda.go.id:8443');
    expect(screen.getByText('aplikasi')).toBeTruthy(); // the app stays underneath, nothing is lost
    emit({ state: 'online' });
    await waitFor(() => expect(screen.queryByTestId('link-banner')).toBeNull());
  });

  it('a refusal from main is shown on the form', async () => {
    const { d } = fakeDesktop();
    d.checkServer.mockResolvedValueOnce({ ok: false, message: 'Alamat server tidak sah.' } as never);
    render(<ConnectionGate desktop={d}><p>aplikasi</p></ConnectionGate>);
    fireEvent.click(await screen.findByRole('radio', { name: /Sambungkan ke server Sigap kantor/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Periksa server' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Alamat server tidak sah.');
  });
});
