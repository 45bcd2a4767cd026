// The whole renderer-to-main surface: one frozen object with a function per contract name.
// No raw ipcRenderer, no generic send, no file access.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, CHANNEL_NAMES, PROGRESS_CHANNEL, channelOf } from '../../shared/contract/names';

const api: Record<string, unknown> = {};
for (const name of CHANNEL_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(channelOf(name), input);
}
api.onProgress = (listener: (e: unknown) => void) => {
  const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(PROGRESS_CHANNEL, handler);
  return () => void ipcRenderer.removeListener(PROGRESS_CHANNEL, handler);
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze(api));
