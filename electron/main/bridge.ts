import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, channelOf } from '../../shared/contract/names';
import { dispatch, type DispatchOptions, type Handlers } from '../core/api/dispatch';
import { isAllowedNavigation } from './security';

/** Only Sigap's own page may call the bridge. */
export function isTrustedSender(e: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServer?: string): boolean {
  const url = e.senderFrame?.url;
  return typeof url === 'string' && isAllowedNavigation(url, devServer);
}

/** Registers one handler per contract name; every call is validated and answered as a Reply. */
export function registerBridge(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, opts: DispatchOptions & { devServer?: string } = {}): string[] {
  const registered: string[] = [];
  for (const name of CHANNEL_NAMES) {
    const channel = channelOf(name);
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event, opts.devServer)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Pemanggil tidak dikenal.' } };
      return dispatch(handlers, name, input, opts);
    });
    registered.push(channel);
  }
  return registered;
}
