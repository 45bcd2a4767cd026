import { join } from 'node:path';

/**
 * The window icon (Linux and the Windows title bar before the exe's own icon applies): packaged, it is
 * copied beside app.asar by electron-builder's extraResources; in development it is read from resources/.
 */
export function appIconPath(isPackaged: boolean, resourcesPath: string, appPath: string): string {
  return isPackaged ? join(resourcesPath, 'icon.png') : join(appPath, 'resources', 'icon.png');
}
