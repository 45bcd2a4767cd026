import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * What every Sigap window's page is denied: Node, other pages' context, webviews, mixed content. A unit
 * test pins every value, so loosening one is a visible, reviewed change.
 */
export const HARDENED_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/** The app window's preferences: the hardened set and the preload that exposes the bridge. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return { preload: preloadPath, ...HARDENED_WEB_PREFERENCES };
}

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on ready-to-show, so the clerk never sees a blank white frame
    title: 'Sigap',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  };
}
