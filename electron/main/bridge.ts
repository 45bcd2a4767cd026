import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, channelOf } from '../../shared/contract/names';
import type { Reply } from '../../shared/contract/index';
import { isAllowedNavigation } from './security';

/** Only Sigap's own page may call the bridge. */
export function isTrustedSender(e: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServer?: string): boolean {
  const url = e.senderFrame?.url;
  return typeof url === 'string' && isAllowedNavigation(url, devServer);
}

/**
 * Registers one handler per contract name. `call` validates and answers (the core worker, which parses
 * every input as unknown); this layer only refuses senders that are not Sigap's own page.
 */
export function registerBridge(ipcMain: Pick<IpcMain, 'handle'>, call: (name: string, input: unknown) => Promise<Reply<unknown>>, opts: { devServer?: string } = {}): string[] {
  const registered: string[] = [];
  for (const name of CHANNEL_NAMES) {
    const channel = channelOf(name);
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event, opts.devServer)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Pemanggil tidak dikenal.' } };
      return call(name, input);
    });
    registered.push(channel);
  }
  return registered;
}
