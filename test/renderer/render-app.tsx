import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { BridgeProvider } from '../../renderer/src/bridge-context';
import { AppInfoProvider } from '../../renderer/src/app-info';
import { appInfo, fakeBridge, type FakeBridge, type FakeHandlers } from './fake-bridge';

/** Renders one screen at `path` inside the app's providers, with a fake bridge. */
export function renderScreen(element: ReactElement, o: { handlers: FakeHandlers; route?: string; path?: string }): FakeBridge & { router: ReturnType<typeof createMemoryRouter> } {
  const bridge = fakeBridge({ 'app.info': () => appInfo, ...o.handlers });
  const router = createMemoryRouter([{ path: o.route ?? '/', element }, { path: '*', element: <p>di tempat lain</p> }], { initialEntries: [o.path ?? '/'] });
  render(
    <BridgeProvider bridge={bridge}>
      <AppInfoProvider>
        <RouterProvider router={router} />
      </AppInfoProvider>
    </BridgeProvider>,
  );
  return Object.assign(bridge, { router });
}
