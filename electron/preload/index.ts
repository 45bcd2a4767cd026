// The whole renderer-to-main surface: one frozen object with a function per contract name.
// No raw ipcRenderer, no generic send, no file access.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, CHANNEL_NAMES, PROGRESS_CHANNEL, channelOf } from '../../shared/contract/names';
import { DESKTOP_CHANNELS, DESKTOP_GLOBAL, type DesktopBridge } from '../../shared/desktop-connection';

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

// The desktop's own choice (this computer or a Sigap server) and the link banner. Main routes
// `window.sigap` to the local worker or the server; the renderer never knows which.
const desktop: DesktopBridge = {
  connection: () => ipcRenderer.invoke(DESKTOP_CHANNELS.get),
  checkServer: (address) => ipcRenderer.invoke(DESKTOP_CHANNELS.check, address),
  useLocal: () => ipcRenderer.invoke(DESKTOP_CHANNELS.useLocal),
  useServer: (address, fingerprint) => ipcRenderer.invoke(DESKTOP_CHANNELS.useServer, address, fingerprint),
  onLink: (listener) => {
    const handler = (_e: IpcRendererEvent, s: Parameters<typeof listener>[0]) => listener(s);
    ipcRenderer.on(DESKTOP_CHANNELS.state, handler);
    return () => void ipcRenderer.removeListener(DESKTOP_CHANNELS.state, handler);
  },
};
contextBridge.exposeInMainWorld(DESKTOP_GLOBAL, Object.freeze(desktop));
