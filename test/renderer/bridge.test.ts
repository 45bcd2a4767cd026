import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../renderer/src/bridge';
import { fakeBridge } from './fake-bridge';

describe('the renderer bridge', () => {
  it('returns the value of an ok reply', async () => {
    const b = fakeBridge({ 'decree.list': () => [] });
    await expect(b.call('decree.list', {})).resolves.toEqual([]);
    expect(b.calls).toEqual([{ name: 'decree.list', input: {} }]);
  });

  it("throws the core's refusal as a BridgeError carrying its code and Indonesian message", async () => {
    const b = fakeBridge({
      'person.update': () => {
        throw new BridgeError('CONFLICT', 'NIK 1804015205900002 sudah terdaftar atas nama Siti Rahma.');
      },
    });
    const err = await b.call('person.update', { personId: 1, person: { nik: '1804015205900002', name: 'X' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'NIK 1804015205900002 sudah terdaftar atas nama Siti Rahma.' });
  });

  it('delivers progress to subscribers until they unsubscribe', () => {
    const b = fakeBridge({});
    const seen: number[] = [];
    const off = b.onProgress((e) => seen.push(e.done));
    b.emitProgress({ task: 'sk.apply', phase: 'Menyimpan', done: 1, total: 2 });
    off();
    b.emitProgress({ task: 'sk.apply', phase: 'Menyimpan', done: 2, total: 2 });
    expect(seen).toEqual([1]);
  });
});
