import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { windowBridge } from './bridge';
import '@fontsource-variable/inter';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/table.css';
import './styles/pages.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={windowBridge()} />
  </StrictMode>,
);
